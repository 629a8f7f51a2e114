/**
 * Starts a complete Tsumugi server: SQLite file, migrations, optional demo seed, the Hono
 * app (REST + static web) and the collab WebSocket endpoint on one HTTP server.
 * Tests, the benchmark and `main.ts` all start it through `startServer`.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createApp } from "./app.js";
import { AuditLog } from "./audit/audit-log.js";
import { type AccessChange, AccessEvents } from "./auth/access-events.js";
import { sealPlainTotpKeys, totpKeyIds } from "./auth/sealed-totp-keys.js";
import { SessionStore } from "./auth/sessions.js";
import { ClusterBus } from "./cluster/cluster-bus.js";
import { type CollabServer, createCollabServer } from "./collab/collab-server.js";
import { compactLongLogs } from "./collab/startup-compaction.js";
import { type Config, DATABASE_FILE } from "./config.js";
import type { AppContext } from "./context.js";
import { DeskJobs } from "./desk/desk-jobs.js";
import { storedKeyIds } from "./desk/reseal-repository.js";
import { EventJobs } from "./events/event-jobs.js";
import { participantKeyIds } from "./events/participant-sealing-repository.js";
import { QuestionnaireEvents } from "./events/questionnaire-events.js";
import type { AnswerSource } from "./events/questionnaire-repository.js";
import { requestKeyIds } from "./events/request-repository.js";
import type { AppEnv } from "./http/env.js";
import { StreamRegistry } from "./http/sse.js";
import { IndicatorEvents } from "./indicators/indicator-events.js";
import { createLogger } from "./logger.js";
import { MeetingEvents } from "./meetings/meeting-events.js";
import { openVault } from "./personal-data/open-vault.js";
import { PlanProjector } from "./plan/plan-projector.js";
import { unprojectedPlans } from "./plan/plan-repository.js";
import { seedDemo } from "./seed/demo.js";
import type { Database } from "./storage/database.js";
import { migrate } from "./storage/migrations.js";
import { PostgresDatabase } from "./storage/postgres-database.js";
import { createQueryBuilder } from "./storage/query-builder.js";
import { SqliteDatabase } from "./storage/sqlite-database.js";
import { startPeriodicVersions } from "./versions/periodic-versions.js";

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  collab: CollabServer;
  projector: PlanProjector;
  /** Automatic versions of edited rich-text documents (flush: take them now). */
  versions: { flush(): Promise<void> };
  http: Server;
  /** The Hono application (its `routes` are every registered route). */
  app: Hono<AppEnv>;
  /** Demo logins when the demo workspace was seeded on this start. */
  seeded: Awaited<ReturnType<typeof seedDemo>>;
  /** The personal data key file written on this start (none was configured), or null. */
  personalDataKeyGenerated: string | null;
  /** Background work of the consultation desk: re-encryption after a key change, retention. */
  desk: DeskJobs;
  /** Background work of events: participants' personal data erased after the retention period. */
  eventJobs: EventJobs;
  /** Flushes pending document writes, closes sockets and the database. */
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    return PostgresDatabase.open(config.databaseUrl, { poolSize: config.databasePoolSize });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteDatabase.open(join(config.dataDir, DATABASE_FILE));
}

export async function startServer(config: Config): Promise<RunningServer> {
  const db = await openDatabase(config);
  await migrate(db);
  const log = createLogger(config.logLevel);
  const kysely = createQueryBuilder(db);
  const sessions = new SessionStore(kysely, {
    idleTimeoutMs: config.sessionIdleTimeoutMs,
    absoluteLifetimeMs: config.sessionAbsoluteLifetimeMs,
    touchIntervalMs: Math.min(60_000, Math.floor(config.sessionIdleTimeoutMs / 10)),
  });
  const events = new AccessEvents();
  // No key, or not every key the stored data needs: the server does not start.
  const keys = await openVault(
    config,
    log,
    async () =>
      new Set([
        ...(await storedKeyIds(kysely)),
        ...(await participantKeyIds(kysely)),
        ...(await requestKeyIds(kysely)),
        ...(await totpKeyIds(kysely)),
      ]),
  ).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  const sealedTotp = await sealPlainTotpKeys(db, kysely, keys.vault);
  if (sealedTotp > 0)
    log.info("TOTP keys stored in the clear are now sealed with the personal data key", {
      count: sealedTotp,
    });
  // Several nodes: Redis carries documents' updates, presence and events between them.
  const cluster = config.redisUrl
    ? await ClusterBus.connect(config.redisUrl, config.nodeId, log).catch(async (err: unknown) => {
        await db.close();
        throw err;
      })
    : null;
  if (cluster) {
    events.relay = await cluster.relay<AccessChange>("access", (change) => events.deliver(change));
  }
  const ctx: AppContext = {
    config,
    db,
    kysely,
    sessions,
    audit: new AuditLog(kysely),
    events,
    log,
    streams: new StreamRegistry({ events, sessions, log }, config.streams),
    personalData: keys.vault,
    cluster,
  };
  const seeded = config.seedDemo ? await seedDemo(ctx) : null;
  await compactLongLogs(db, config.collab, log);

  const collab = createCollabServer(ctx);
  const projector = new PlanProjector({
    kysely,
    log,
    delayMs: config.planProjectionDelayMs,
    readDocument: (docName) => collab.readDocument(docName),
  });
  collab.onDocumentChanged((docName, userId) => projector.noteChange(docName, userId));
  const indicatorEvents = new IndicatorEvents();
  const meetingEvents = new MeetingEvents();
  const questionnaireEvents = new QuestionnaireEvents();
  if (cluster) {
    projector.events.relay = await cluster.relay<string>("plan-projected", (docName) =>
      projector.events.deliver(docName),
    );
    indicatorEvents.relay = await cluster.relay<{ key: string; change: readonly string[] }>(
      "indicators-changed",
      (m) => indicatorEvents.deliver(m.key, m.change),
    );
    meetingEvents.relay = await cluster.relay<{ key: string; change: string }>("meetings-changed", (m) =>
      meetingEvents.deliver(m.key, m.change),
    );
    questionnaireEvents.relay = await cluster.relay<{ key: string; change: AnswerSource }>(
      "questionnaire-answered",
      (m) => questionnaireEvents.deliver(m.key, m.change),
    );
  }
  // New plans (the demo seed) and cleared read models are projected from the stored documents.
  for (const docName of await unprojectedPlans(kysely)) await projector.projectNow(docName);
  const versions = startPeriodicVersions({ kysely, collab, log, intervalMs: config.versionIntervalMs });
  const desk = new DeskJobs(ctx);
  desk.start();
  const eventJobs = new EventJobs(ctx);
  eventJobs.start();
  const app = createApp(ctx, collab, projector, {
    indicators: indicatorEvents,
    meetings: meetingEvents,
    questionnaires: questionnaireEvents,
  });
  const http = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s as Server),
    );
  });
  http.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));

  const port = (http.address() as AddressInfo).port;
  if (!config.publicUrlExplicit) config.publicUrl = `http://localhost:${port}`;

  // Sessions are checked on use; this only keeps abandoned ones from piling up.
  const sessionSweep = setInterval(() => {
    ctx.sessions.deleteExpired().catch((err) => log.error("deleting expired sessions failed", { err }));
  }, 3_600_000);
  sessionSweep.unref();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sessionSweep);
      ctx.streams.close();
      await desk.stop();
      await eventJobs.stop();
      versions.stop();
      await collab.close();
      await projector.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections?.();
      });
      await cluster?.close();
      await db.close();
    })();
    return closing;
  };
  return {
    url: config.publicUrl,
    port,
    ctx,
    collab,
    projector,
    versions,
    http,
    app,
    seeded,
    personalDataKeyGenerated: keys.generated,
    desk,
    eventJobs,
    close,
  };
}
