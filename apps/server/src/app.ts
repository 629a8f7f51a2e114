/**
 * The Hono application: security headers and Origin check for everything, the session on
 * every request, the REST API under /api, and the built web app for the rest.
 */
import { Health, Ready } from "@tsumugi/contract";
import { type Context, Hono } from "hono";
import { areaRoutes } from "./areas/area-routes.js";
import { auditRoutes } from "./audit/audit-routes.js";
import { authRoutes } from "./auth/auth-routes.js";
import { DeviceCookies } from "./auth/device-cookie.js";
import { LoginThrottle, MemoryThrottleStore } from "./auth/login-throttle.js";
import { secondStepRoutes, twoFactorSettingsRoutes } from "./auth/two-factor-routes.js";
import { calendarFeedRoutes, publicCalendarRoutes } from "./calendar/calendar-routes.js";
import { RedisThrottleStore } from "./cluster/redis-throttle-store.js";
import type { CollabServer } from "./collab/collab-server.js";
import {
  documentCommentRoutes,
  mentionRoutes,
  minutesCommentRoutes,
  planCommentRoutes,
} from "./comments/comment-routes.js";
import type { AppContext } from "./context.js";
import { consultationRoutes } from "./desk/consultation-routes.js";
import { deskRoutes } from "./desk/desk-routes.js";
import { exampleRoutes } from "./desk/example-routes.js";
import { publicDeskRoutes } from "./desk/public-desk-page.js";
import { statisticsRoutes } from "./desk/statistics-routes.js";
import { documentRoutes } from "./documents/document-routes.js";
import { draftRoutes } from "./documents/draft-routes.js";
import { publicPageRoutes } from "./documents/public-page.js";
import { eventRoutes } from "./events/event-routes.js";
import { FormTokens } from "./events/form-tokens.js";
import { materialRoutes } from "./events/material-routes.js";
import { outreachRoutes } from "./events/outreach-routes.js";
import { participantRoutes } from "./events/participant-routes.js";
import { publicEventRoutes } from "./events/public-event-routes.js";
import { publicQuestionnaireRoutes } from "./events/public-questionnaire-routes.js";
import { QuestionnaireEvents } from "./events/questionnaire-events.js";
import { questionnaireRoutes } from "./events/questionnaire-routes.js";
import { publicRequestRoutes, requestRoutes } from "./events/request-routes.js";
import { eventSeriesRoutes } from "./events/series-routes.js";
import { groupRoutes } from "./groups/group-routes.js";
import { homeRoutes } from "./home/home-routes.js";
import type { AppEnv } from "./http/env.js";
import { ApiError } from "./http/errors.js";
import { originCheck, requestContext, securityHeaders, sessionLoader } from "./http/middleware.js";
import { openApiDocument } from "./http/openapi-document.js";
import { describe } from "./http/operation.js";
import { PublicFormGuard } from "./http/public-form-guard.js";
import { requestBodyLimit } from "./http/request-body.js";
import { mountStaticWeb } from "./http/static-web.js";
import { IndicatorEvents } from "./indicators/indicator-events.js";
import { indicatorRoutes } from "./indicators/indicator-routes.js";
import { regionRoutes } from "./indicators/region-routes.js";
import { publicInviteRoutes, workspaceInviteRoutes } from "./invites/invite-routes.js";
import { meetingPaperRoutes, meetingPaperSettingsRoutes } from "./meeting-papers/meeting-paper-routes.js";
import { closedMeetingRoutes } from "./meetings/closed-meeting-routes.js";
import { meetingDocumentRoutes } from "./meetings/meeting-document-routes.js";
import { MeetingEvents } from "./meetings/meeting-events.js";
import { meetingRoutes } from "./meetings/meeting-routes.js";
import { memberRoutes } from "./members/member-routes.js";
import type { PlanProjector } from "./plan/plan-projector.js";
import { planRoutes } from "./plan/plan-routes.js";
import { publicDirectoryPageRoutes } from "./resources/public-directory-page.js";
import { providerRoutes, publicResourceRoutes } from "./resources/public-routes.js";
import { resourceRoutes } from "./resources/resource-routes.js";
import { versionRoutes } from "./versions/version-routes.js";
import { twoFactorPolicyRoutes } from "./workspaces/two-factor-policy-routes.js";
import { workspaceGuard } from "./workspaces/workspace-guard.js";
import { workspaceRoutes } from "./workspaces/workspace-routes.js";

export function createApp(
  ctx: AppContext,
  collab: CollabServer,
  projector: PlanProjector,
  live: { indicators: IndicatorEvents; meetings: MeetingEvents; questionnaires?: QuestionnaireEvents } = {
    indicators: new IndicatorEvents(),
    meetings: new MeetingEvents(),
  },
): Hono<AppEnv> {
  const indicatorEvents = live.indicators;
  // Answers arriving: the open results of that event, and the satisfaction indicators.
  const answers = {
    questionnaires: live.questionnaires ?? new QuestionnaireEvents(),
    indicators: indicatorEvents,
  };
  const app = new Hono<AppEnv>();
  // Several nodes count failures (and public forms sent) together.
  const throttleStore = ctx.cluster ? new RedisThrottleStore(ctx.cluster) : new MemoryThrottleStore();
  const formTokens = new FormTokens(ctx.kysely, () => ctx.config.publicForms.minFillMs);
  const guard = {
    throttle: new LoginThrottle(
      {
        freeFailures: ctx.config.loginFreeFailures,
        maxDelayMs: ctx.config.loginMaxDelayMs,
        maxPerAccount: ctx.config.loginMaxFailuresPerAccount,
        maxPerIp: ctx.config.loginMaxFailuresPerIp,
        windowMs: ctx.config.loginWindowMs,
      },
      throttleStore,
    ),
    devices: new DeviceCookies(ctx.kysely, ctx.config, ctx.config.loginDeviceLifetimeMs),
  };
  // Forms sent without an account: submissions per address, counted across the nodes too.
  const publicForms = new PublicFormGuard(throttleStore);

  app.use("*", securityHeaders(ctx), requestContext(ctx));
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  // Before anything else reads or waits: a body too large for its route, or sent where none is
  // read, is refused before it arrives.
  app.use("*", requestBodyLimit());
  app.use("/api/*", originCheck(ctx), sessionLoader(ctx));

  app.get(
    "/api/health",
    describe({ summary: "Health check", tag: "system", public: true, response: Health }),
    (c) => c.json({ ok: true, documentsLoaded: collab.loadedDocuments().length } satisfies Health),
  );
  // For a load balancer: 200 while this node can serve (database and Redis answer, not
  // draining after SIGTERM), else 503.
  app.get(
    "/api/ready",
    describe({
      summary: "Readiness for a load balancer: the database and Redis answer and the node is not stopping",
      description: "503 with the same body (`ok: false`) when this node should get no new work.",
      tag: "system",
      public: true,
      response: Ready,
      answers: { 503: { description: "This node cannot serve now", response: Ready } },
    }),
    async (c) => {
      const [database, redis] = await Promise.all([
        ctx.db
          .get("SELECT 1 AS ok")
          .then(() => true)
          .catch(() => false),
        ctx.cluster ? ctx.cluster.ping() : Promise.resolve(null),
      ]);
      const draining = collab.draining;
      const ok = database && redis !== false && !draining;
      return c.json({ ok, database, redis, draining } satisfies Ready, ok ? 200 : 503);
    },
  );
  app.get(
    "/api/openapi.json",
    describe({ summary: "This OpenAPI document", tag: "system", public: true }),
    async (c) => c.json(await openApiDocument(app, ctx.config.publicUrl)),
  );
  app.route("/api/auth/login", secondStepRoutes(guard));
  app.route("/api/auth/two-factor", twoFactorSettingsRoutes(guard));
  app.route("/api/auth", authRoutes(guard));
  app.route("/api/invites", publicInviteRoutes(guard));
  app.route("/api/calendar", publicCalendarRoutes());
  app.route("/api/public/questionnaires", publicQuestionnaireRoutes(publicForms, answers));
  app.route("/api/public", publicResourceRoutes());
  app.route("/api/provider", providerRoutes());
  app.route("/api/public/events", publicEventRoutes(publicForms, formTokens));
  app.route("/api/public/event-requests", publicRequestRoutes(publicForms, formTokens));

  app.use("/api/workspaces/:wid/*", workspaceGuard);
  app.use("/api/workspaces/:wid", workspaceGuard);
  app.route("/api/workspaces/:wid", workspaceRoutes());
  app.route("/api/workspaces/:wid/members", memberRoutes());
  app.route("/api/workspaces/:wid/two-factor-policy", twoFactorPolicyRoutes());
  app.route("/api/workspaces/:wid/groups", groupRoutes());
  app.route("/api/workspaces/:wid/invites", workspaceInviteRoutes());
  app.route("/api/workspaces/:wid/documents", documentRoutes());
  app.route("/api/workspaces/:wid/audit", auditRoutes());
  app.route("/api/workspaces/:wid/plans/:fy/comments", planCommentRoutes(collab));
  app.route("/api/workspaces/:wid/plans", planRoutes(collab, projector));
  app.route("/api/workspaces/:wid/mentions", mentionRoutes());
  app.route("/api/workspaces/:wid/meetings/:mid/comments", minutesCommentRoutes());
  app.route("/api/workspaces/:wid/meetings", meetingPaperRoutes(collab));
  // Before meetingRoutes: its /:mid would take /stats and /decisions.
  app.route("/api/workspaces/:wid/meetings", closedMeetingRoutes(collab));
  app.route("/api/workspaces/:wid/meetings", meetingDocumentRoutes(collab));
  app.route("/api/workspaces/:wid/meetings", meetingRoutes(collab, live.meetings));
  app.route("/api/workspaces/:wid/meeting-papers", meetingPaperSettingsRoutes());
  app.route("/api/workspaces/:wid/documents/:did/comments", documentCommentRoutes());
  app.route("/api/workspaces/:wid/documents/:did/versions", versionRoutes(collab));
  app.route("/api/workspaces/:wid/documents/:did", draftRoutes(collab));
  app.route("/api/workspaces/:wid/calendar-feed", calendarFeedRoutes());
  app.route("/api/workspaces/:wid/indicators", indicatorRoutes(indicatorEvents));
  app.route("/api/workspaces/:wid/regions", regionRoutes());
  app.route("/api/workspaces/:wid/home", homeRoutes());
  app.route("/api/workspaces/:wid/areas", areaRoutes());
  app.route("/api/workspaces/:wid/desks", deskRoutes());
  app.route("/api/workspaces/:wid/consultations/examples", exampleRoutes());
  app.route("/api/workspaces/:wid/consultations", statisticsRoutes());
  app.route("/api/workspaces/:wid/consultations", consultationRoutes());
  app.route("/api/workspaces/:wid/resources", resourceRoutes());
  // Before eventRoutes: its /:eid would take /questionnaire-sources.
  app.route("/api/workspaces/:wid/events", questionnaireRoutes(answers));
  app.route("/api/workspaces/:wid/events", materialRoutes());
  app.route("/api/workspaces/:wid/events", eventRoutes());
  app.route("/api/workspaces/:wid/events", participantRoutes());
  app.route("/api/workspaces/:wid/event-series", eventSeriesRoutes());
  app.route("/api/workspaces/:wid/outreach", outreachRoutes(indicatorEvents));
  app.route("/api/workspaces/:wid/event-requests", requestRoutes());
  app.all("/api/*", (c) => c.json(new ApiError(404, "not_found", "見つかりません。").toJSON(), 404));

  app.route("/p", publicDeskRoutes());
  app.route("/p", publicDirectoryPageRoutes());
  app.route("/p", publicPageRoutes(collab));
  mountStaticWeb(app, ctx.config);

  app.onError(async (err, c) => {
    if (err instanceof ApiError) {
      if (REFUSALS.has(err.code)) await auditRefusal(c, err);
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return c.json(err.toJSON(), err.status);
    }
    ctx.log.error("http: unhandled error", { err, path: c.req.path });
    return c.json({ error: { code: "internal", message: "サーバーでエラーが発生しました。" } }, 500);
  });
  return app;
}

/** Refused access, as the API answers it: 403, and 404 for a workspace one is not a member of. */
const REFUSALS = new Set(["forbidden", "workspace.notFound"]);

/** Every refusal of a logged-in user is audited, whichever route decided it. */
async function auditRefusal(c: Context<AppEnv>, err: ApiError): Promise<void> {
  const user = c.get("user");
  if (!user) return;
  const app = c.get("app");
  await app.audit
    .record({
      event: "access.refused",
      workspaceId: c.get("workspaceId") ?? null,
      actorUserId: user.id,
      target: c.req.path,
      ip: c.get("ip"),
      detail: { method: c.req.method, code: err.code },
    })
    .catch((auditErr) => app.log.error("audit failed", { err: auditErr }));
}
