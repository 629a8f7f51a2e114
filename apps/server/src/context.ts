/** What the HTTP routes and the collab endpoint share: one per running server. */
import type { AuditLog } from "./audit/audit-log.js";
import type { AccessEvents } from "./auth/access-events.js";
import type { SessionStore } from "./auth/sessions.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import type { Database } from "./storage/database.js";

export interface AppContext {
  config: Config;
  db: Database;
  sessions: SessionStore;
  audit: AuditLog;
  events: AccessEvents;
  log: Logger;
}
