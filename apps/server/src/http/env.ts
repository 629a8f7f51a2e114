/** What the middleware puts on the Hono context for the routes. */
import type { Actor } from "@tsumugi/domain";
import type { Session, SessionUser } from "../auth/sessions.js";
import type { AppContext } from "../context.js";

export interface AppEnv {
  Variables: {
    app: AppContext;
    ip: string;
    /** Set by the session middleware when the cookie holds a valid session. */
    session: Session | null;
    user: SessionUser | null;
    /** Set by the workspace guard on /api/workspaces/:wid routes. */
    actor: Actor;
    workspaceId: string;
    /** The body limit of this request's route (http/request-body.ts). */
    maxBodyBytes: number;
  };
}
