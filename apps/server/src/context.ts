/** What the HTTP routes and the collab endpoint share: one per running server. */
import type { Actor } from "@tsumugi/domain";
import type { AuditLog } from "./audit/audit-log.js";
import type { AccessEvents } from "./auth/access-events.js";
import type { SessionStore } from "./auth/sessions.js";
import type { ClusterBus } from "./cluster/cluster-bus.js";
import type { Config } from "./config.js";
import type { StreamRegistry } from "./http/sse.js";
import type { Logger } from "./logger.js";
import type { PersonalDataVault } from "./personal-data/vault.js";
import type { Database } from "./storage/database.js";
import type { QueryBuilder } from "./storage/query-builder.js";

export interface AppContext {
  config: Config;
  db: Database;
  /** Typed queries over `db` (repositories use this; same lock and transactions). */
  kysely: QueryBuilder;
  sessions: SessionStore;
  audit: AuditLog;
  events: AccessEvents;
  log: Logger;
  /** Open live event streams (SSE), closed on the same access events as sockets. */
  streams: StreamRegistry;
  /** Encrypts and decrypts personal data at rest (consultation records). */
  personalData: PersonalDataVault;
  /** Messages between nodes (REDIS_URL), or null on a single node. */
  cluster?: ClusterBus | null;
}

/** Who acts, in which workspace, from which address: what a command needs of a request. */
export interface Caller {
  actor: Actor;
  workspaceId: string;
  ip: string;
}
