/**
 * Configuration from environment variables. Every variable is documented in the README's
 * table; a bad value stops start-up with a message naming the variable.
 */
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… (DATABASE_URL): the store of record is PostgreSQL; null: SQLite in dataDir. */
  databaseUrl: string | null;
  /** Connections this node keeps to PostgreSQL (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** redis://… (REDIS_URL): nodes share updates, presence, access events and limits through it. */
  redisUrl: string | null;
  /** This node's name in logs and in messages between nodes (NODE_ID; default host:pid). */
  nodeId: string;
  /** Origin the browser uses, e.g. https://tsumugi.example.lg.jp. Decides allowed Origins and cookie flags. */
  publicUrl: string;
  /** False when PUBLIC_URL was not set: the URL then follows the port actually bound. */
  publicUrlExplicit: boolean;
  /** Further origins allowed to call the API (ALLOWED_ORIGINS, comma-separated), e.g. a Vite dev server. */
  extraOrigins: string[];
  /** Directory of the built web app served at `/`; null serves the API only. */
  webDist: string | null;
  seedDemo: boolean;
  trustProxy: boolean;
  sessionIdleTimeoutMs: number;
  sessionAbsoluteLifetimeMs: number;
  inviteLifetimeMs: number;
  /** Failures of one account from one address (or one known browser) before waits begin. */
  loginFreeFailures: number;
  /** The longest wait the doubling reaches (LOGIN_MAX_DELAY_MINUTES). */
  loginMaxDelayMs: number;
  /** Failures of one account from browsers it does not know, within the window. */
  loginMaxFailuresPerAccount: number;
  /** Failures from one address within the window, for browsers not known for the account. */
  loginMaxFailuresPerIp: number;
  loginWindowMs: number;
  /** How long a browser is remembered for an account after a login (LOGIN_DEVICE_DAYS). */
  loginDeviceLifetimeMs: number;
  /** The public forms (event registration, 出前講座 requests): events/public-form-guard.ts. */
  publicForms: PublicFormConfig;
  collab: CollabLimits;
  /** Live event streams (SSE): per person, and how often their sessions are re-validated. */
  streams: { maxPerUser: number; sessionRecheckMs: number };
  /** How long after a plan edit its read model is brought up to date (PLAN_PROJECTION_DELAY_MS). */
  planProjectionDelayMs: number;
  /** How often edited rich-text documents get an automatic version (VERSION_INTERVAL_MINUTES). */
  versionIntervalMs: number;
  /** Keys protecting personal data at rest (personal-data/keyring.ts) and how long it is kept. */
  personalData: PersonalDataConfig;
  /** The resource map's background tiles (MAP_TILE_URL, MAP_TILE_ATTRIBUTION, MAP_TILE_ATTRIBUTION_URL). */
  map: MapTiles;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

export interface PublicFormConfig {
  /** PUBLIC_FORM_MIN_FILL_SECONDS: a form sent sooner after its page was served is refused. */
  minFillMs: number;
  /** PUBLIC_FORM_MAX_PER_HOUR: forms one address may send per hour. */
  maxPerIp: number;
  windowMs: number;
  /** EVENT_PARTICIPANT_RETENTION_DAYS: participants' names and contacts are erased this many days after their event. */
  participantRetentionDays: number;
  /**
   * EVENT_MATERIAL_MAX_MB: the largest file an organiser may add to an event's materials (資料);
   * also the upload route's body limit.
   */
  materialMaxBytes: number;
}

export interface PersonalDataConfig {
  /** PERSONAL_DATA_KEYS: base64 keys, the first encrypting; null when not set. */
  keys: string | null;
  /** PERSONAL_DATA_KEY_FILE, or DATA_DIR/personal-data.key. */
  keyFile: string;
  /** True when PERSONAL_DATA_KEY_FILE was set (then it must exist: nothing is generated). */
  keyFileExplicit: boolean;
  /** Consultation cases are anonymised this many years after their last contact. */
  retentionYears: number;
  /** How often the anonymisation runs (CONSULTATION_RETENTION_CHECK_HOURS). */
  retentionCheckMs: number;
}

export interface MapTiles {
  /** A Leaflet tile URL template with {z}, {x}, {y}. */
  tileUrl: string;
  /** The attribution's text and the page it links to (required by the tiles' terms). */
  attributionText: string;
  attributionUrl: string;
}

/** 国土地理院 淡色地図, attributed as the GSI asks (「地理院タイル」 linking to the tile list). */
export const DEFAULT_MAP_TILES: MapTiles = {
  tileUrl: "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png",
  attributionText: "地理院タイル",
  attributionUrl: "https://maps.gsi.go.jp/development/ichiran.html",
};

function mapTiles(env: NodeJS.ProcessEnv): MapTiles {
  const tileUrl = env.MAP_TILE_URL || DEFAULT_MAP_TILES.tileUrl;
  let ok = false;
  try {
    const u = new URL(tileUrl.replace(/\{[a-z]\}/g, "0"));
    ok =
      (u.protocol === "https:" || u.protocol === "http:") &&
      ["{z}", "{x}", "{y}"].every((p) => tileUrl.includes(p));
  } catch {
    ok = false;
  }
  if (!ok)
    throw new ConfigError(`MAP_TILE_URL must be an http(s) URL with {z}, {x} and {y}, got "${tileUrl}"`);
  const custom = Boolean(env.MAP_TILE_URL);
  const attributionUrl = env.MAP_TILE_ATTRIBUTION_URL ?? (custom ? "" : DEFAULT_MAP_TILES.attributionUrl);
  if (attributionUrl && !/^https?:\/\//.test(attributionUrl))
    throw new ConfigError(`MAP_TILE_ATTRIBUTION_URL must be an http(s) URL, got "${attributionUrl}"`);
  return {
    tileUrl,
    attributionText: env.MAP_TILE_ATTRIBUTION || (custom ? "" : DEFAULT_MAP_TILES.attributionText),
    attributionUrl,
  };
}

/** The origin of the tile server, which the Content-Security-Policy lets images come from. */
export function tileOrigin(tiles: MapTiles): string {
  return new URL(tiles.tileUrl.replace(/\{[a-z]\}/g, "0")).origin;
}

export interface CollabLimits {
  maxMessageBytes: number;
  maxBufferedBytes: number;
  maxConnectionsPerDocument: number;
  upgradesPerMinutePerIp: number;
  /** Fold the update log into the snapshot after this many updates … */
  compactAfterUpdates: number;
  /** … or this many bytes of updates. */
  compactAfterBytes: number;
  /** Unload a document this long after its last client left. */
  unloadIdleMs: number;
  /** Ping every socket, and send idle clients a keepalive frame, this often. */
  keepaliveMs: number;
  /** Re-validate the sessions behind open sockets this often. */
  sessionRecheckMs: number;
  /** A document's largest size as stored (snapshot plus update log); updates past it are refused. */
  maxDocumentBytes: number;
  /** Bytes of document updates one person may write per minute, over all connections. */
  writeBytesPerMinute: number;
  /** Document updates one person may write per minute, over all connections. */
  writesPerMinute: number;
  /** Largest presence (awareness) message accepted from a connection; larger ones are dropped. */
  maxAwarenessBytes: number;
  /** Presence (awareness) messages one person may send per minute; more are dropped. */
  awarenessPerMinute: number;
  /** Several nodes: how long a missing update may take on the bus before it is read from the database. */
  clusterGapWaitMs: number;
  /** Several nodes: how often open documents are compared with the database's last update. */
  clusterCheckMs: number;
}

/** The key file made on first start when no key is configured (personal-data/open-vault.ts). */
export const PERSONAL_DATA_KEY_FILE = "personal-data.key";

/** The SQLite database in DATA_DIR (without DATABASE_URL); the CLIs find it without loading the server. */
export const DATABASE_FILE = "tsumugi.sqlite";

const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // npm runs the server's scripts inside apps/server; relative paths mean where the person
  // typed the command (npm passes it as INIT_CWD), so `./data` is the checkout's data folder.
  const invokedIn = env.INIT_CWD || process.cwd();
  const port = int(env, "PORT", 3000);
  const host = env.HOST || "127.0.0.1";
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, "");
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must be a postgres:// URL, got "${databaseUrl.replace(/:[^:@/]*@/, ":…@")}"`,
    );
  }
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(
      `REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl.replace(/:[^:@/]*@/, ":…@")}"`,
    );
  }
  if (redisUrl !== null && databaseUrl === null) {
    throw new ConfigError("REDIS_URL needs DATABASE_URL: the nodes must share one PostgreSQL database");
  }
  const logLevel = (env.LOG_LEVEL || "info") as Config["logLevel"];
  if (!["debug", "info", "warn", "error", "silent"].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent, got "${logLevel}"`);
  }
  const dataDir = resolve(invokedIn, env.DATA_DIR || "./data");
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    databasePoolSize: int(env, "DATABASE_POOL_SIZE", 10, 1),
    redisUrl,
    nodeId: env.NODE_ID || `${hostname()}:${process.pid}`,
    publicUrl,
    publicUrlExplicit: Boolean(env.PUBLIC_URL),
    extraOrigins: (env.ALLOWED_ORIGINS || "")
      .split(",")
      .map((o) => o.trim().replace(/\/+$/, ""))
      .filter(Boolean),
    webDist: env.WEB_DIST === "" ? null : resolve(invokedIn, env.WEB_DIST || DEFAULT_WEB_DIST),
    seedDemo: bool(env, "SEED_DEMO", true),
    trustProxy: bool(env, "TRUST_PROXY", false),
    sessionIdleTimeoutMs: int(env, "SESSION_IDLE_MINUTES", 12 * 60, 1) * 60_000,
    sessionAbsoluteLifetimeMs: int(env, "SESSION_MAX_HOURS", 7 * 24, 1) * 3_600_000,
    inviteLifetimeMs: int(env, "INVITE_HOURS", 7 * 24, 1) * 3_600_000,
    loginFreeFailures: int(env, "LOGIN_FREE_FAILURES", 5, 1),
    loginMaxDelayMs: int(env, "LOGIN_MAX_DELAY_MINUTES", 15, 1) * 60_000,
    loginMaxFailuresPerAccount: int(env, "LOGIN_MAX_FAILURES_PER_ACCOUNT", 20, 1),
    loginMaxFailuresPerIp: int(env, "LOGIN_MAX_FAILURES_PER_IP", 30, 1),
    loginWindowMs: int(env, "LOGIN_WINDOW_MINUTES", 15, 1) * 60_000,
    loginDeviceLifetimeMs: int(env, "LOGIN_DEVICE_DAYS", 90, 1) * 86_400_000,
    collab: {
      maxMessageBytes: int(env, "COLLAB_MAX_MESSAGE_BYTES", 4 * 1024 * 1024, 1024),
      maxBufferedBytes: int(env, "COLLAB_MAX_BUFFERED_BYTES", 16 * 1024 * 1024, 1024),
      maxConnectionsPerDocument: int(env, "COLLAB_MAX_CONNECTIONS_PER_DOCUMENT", 200, 1),
      upgradesPerMinutePerIp: int(env, "COLLAB_UPGRADES_PER_MINUTE_PER_IP", 600, 1),
      compactAfterUpdates: int(env, "COLLAB_COMPACT_AFTER_UPDATES", 500, 1),
      compactAfterBytes: int(env, "COLLAB_COMPACT_AFTER_BYTES", 1024 * 1024, 1),
      unloadIdleMs: int(env, "COLLAB_UNLOAD_IDLE_SECONDS", 30, 0) * 1000,
      keepaliveMs: int(env, "COLLAB_KEEPALIVE_SECONDS", 10, 1) * 1000,
      clusterGapWaitMs: int(env, "CLUSTER_GAP_WAIT_MS", 200, 0),
      clusterCheckMs: int(env, "CLUSTER_CHECK_SECONDS", 5, 1) * 1000,
      sessionRecheckMs: int(env, "COLLAB_SESSION_RECHECK_SECONDS", 60, 1) * 1000,
      maxDocumentBytes: int(env, "COLLAB_MAX_DOCUMENT_BYTES", 8 * 1024 * 1024, 64 * 1024),
      writeBytesPerMinute: int(env, "COLLAB_WRITE_BYTES_PER_MINUTE", 4 * 1024 * 1024, 1024),
      writesPerMinute: int(env, "COLLAB_WRITES_PER_MINUTE", 1200, 10),
      maxAwarenessBytes: int(env, "COLLAB_MAX_AWARENESS_BYTES", 8 * 1024, 256),
      awarenessPerMinute: int(env, "COLLAB_AWARENESS_PER_MINUTE", 600, 5),
    },
    streams: {
      maxPerUser: int(env, "STREAMS_MAX_PER_USER", 10, 1),
      sessionRecheckMs: int(env, "STREAM_SESSION_RECHECK_SECONDS", 60, 1) * 1000,
    },
    planProjectionDelayMs: int(env, "PLAN_PROJECTION_DELAY_MS", 1500, 0),
    versionIntervalMs: int(env, "VERSION_INTERVAL_MINUTES", 30, 1) * 60_000,
    publicForms: {
      minFillMs: int(env, "PUBLIC_FORM_MIN_FILL_SECONDS", 3, 0) * 1000,
      maxPerIp: int(env, "PUBLIC_FORM_MAX_PER_HOUR", 20, 1),
      windowMs: 3_600_000,
      participantRetentionDays: int(env, "EVENT_PARTICIPANT_RETENTION_DAYS", 365, 1),
      materialMaxBytes: int(env, "EVENT_MATERIAL_MAX_MB", 20, 1) * 1024 * 1024,
    },
    personalData: {
      keys: env.PERSONAL_DATA_KEYS ? env.PERSONAL_DATA_KEYS : null,
      keyFile: env.PERSONAL_DATA_KEY_FILE
        ? resolve(invokedIn, env.PERSONAL_DATA_KEY_FILE)
        : join(dataDir, PERSONAL_DATA_KEY_FILE),
      keyFileExplicit: Boolean(env.PERSONAL_DATA_KEY_FILE),
      retentionYears: int(env, "CONSULTATION_RETENTION_YEARS", 5, 1),
      retentionCheckMs: int(env, "CONSULTATION_RETENTION_CHECK_HOURS", 24, 1) * 3_600_000,
    },
    map: mapTiles(env),
    logLevel,
  };
}

export function isHttps(config: Config): boolean {
  return config.publicUrl.startsWith("https:");
}

export { ConfigError };
