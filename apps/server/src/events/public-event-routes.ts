/**
 * /api/public/events — the public side of events, without an account:
 *
 * - GET  /:lg                                   published events of a municipality (from today on)
 * - GET  /:lg/:pid                              one announcement, with a signed form token while registration is open
 * - POST /:lg/:pid/registrations                register (the form, its token, the hidden field); per-address limit
 * - GET  /:lg/:pid/registrations/:token         the registrant's own page: status, check-in code, waiting position
 * - POST /:lg/:pid/registrations/:token/cancel  the registrant cancels; the first on the waiting list moves up
 * - GET  /:lg/:pid/materials/:mid               a handout the organisers offer on the page (資料)
 *
 * The web app draws these at /p/<lg>/events/…. Nothing of any other participant is answered.
 */
import {
  PublicEventDetail,
  PublicEventList,
  PublicRegistration,
  RegistrationDone,
  RegistrationView,
} from "@tsumugi/contract";
import { isId, takesRegistrations, todayInJapan } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { describe, jsonBody, load } from "../http/operation.js";
import type { PublicFormGuard } from "../http/public-form-guard.js";
import { workspaceByLgCode } from "./cohost-repository.js";
import { presentPublicEvent, publicMunicipality, registrationStateOf } from "./event-presenter.js";
import { findEventByPublicId, publishedEvents } from "./event-repository.js";
import type { EventView } from "./event-rows.js";
import { admitPublicForm, type FormTokens } from "./form-tokens.js";
import { materialNotFound } from "./material-commands.js";
import { listMaterials, readMaterialFile } from "./material-repository.js";
import { sendMaterial } from "./material-routes.js";
import { register, registrationPath } from "./registration-commands.js";
import { cancelOwnRegistration, registrationPage } from "./registration-page.js";

const tag = "events";

const pageNotFound = () =>
  new ApiError(
    404,
    "event.publicNotFound",
    "お探しの研修・イベントは見つかりません（公開が終わったか、アドレスが違います）。",
  );

const LG = /^\d{6}$/;
const PUBLIC_ID = /^[a-z0-9]{8,40}$/;

/** A published event by its announcement address. */
const loadPublicEvent = load(
  "event",
  async (c): Promise<EventView | undefined> => {
    const lg = c.req.param("lg") ?? "";
    const pid = c.req.param("pid") ?? "";
    if (!LG.test(lg) || !PUBLIC_ID.test(pid)) return undefined;
    const event = await findEventByPublicId(c.var.app.kysely, lg, pid);
    return event?.published ? event : undefined;
  },
  pageNotFound,
);

const registerForm = (event: EventView) => `register:${event.publicId}`;

export function publicEventRoutes(guard: PublicFormGuard, tokens: FormTokens): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/:lg",
    describe({
      summary: "A municipality's published events from today on (announcements, no account)",
      tag,
      public: true,
      response: PublicEventList,
      errors: [404],
    }),
    async (c) => {
      const lg = c.req.param("lg");
      const workspace = LG.test(lg) ? await workspaceByLgCode(c.var.app.kysely, lg) : undefined;
      if (!workspace) throw pageNotFound();
      const events = await publishedEvents(c.var.app.kysely, workspace.workspaceId, todayInJapan());
      const now = Date.now();
      return c.json({
        municipality: publicMunicipality(workspace),
        events: events.map((e) => presentPublicEvent(e, now)),
      });
    },
  );

  r.get(
    "/:lg/:pid",
    describe({
      summary: "One published event, with the registration form's token while it takes registrations",
      tag,
      public: true,
      response: PublicEventDetail,
      errors: [404],
    }),
    loadPublicEvent,
    async (c) => {
      const event = c.var.event;
      const open = takesRegistrations(registrationStateOf(event));
      const materials = await listMaterials(c.var.app.kysely, event.id, { publicOnly: true });
      return c.json({
        municipality: publicMunicipality(event.host),
        event: presentPublicEvent(event),
        formToken: open ? await tokens.issue(registerForm(event)) : null,
        retentionDays: c.var.app.config.publicForms.participantRetentionDays,
        materials: materials.map((m) => ({
          name: m.name,
          type: m.mediaType,
          size: m.size,
          path: `/api/public/events/${event.host.lgCode}/${event.publicId}/materials/${m.id}`,
        })),
      });
    },
  );

  r.get(
    "/:lg/:pid/materials/:mid",
    describe({
      summary: "A handout offered on a published event's page (an attachment)",
      tag,
      public: true,
      file: "application/octet-stream",
      errors: [404],
    }),
    loadPublicEvent,
    async (c) => {
      const mid = c.req.param("mid");
      const file = isId(mid) ? await readMaterialFile(c.var.app.kysely, c.var.event.id, mid) : undefined;
      if (!file?.public) throw materialNotFound();
      return sendMaterial(c, file);
    },
  );

  r.post(
    "/:lg/:pid/registrations",
    describe({
      summary: "Register for an event (public form): a place or the waiting list",
      description:
        "Refused with 400 when the form token is missing, altered, expired or the form was sent too fast, or the hidden field is filled; 409 when registration is closed, the event is full or the same name and contact registered already; 429 when the address sent too many forms.",
      tag,
      public: true,
      ok: 201,
      response: RegistrationDone,
      errors: [404, 409, 429],
    }),
    jsonBody(PublicRegistration),
    loadPublicEvent,
    async (c) => {
      const app = c.var.app;
      const event = c.var.event;
      const input = c.req.valid("json");
      const { maxPerIp, windowMs } = app.config.publicForms;
      await guard.admit("register", c.var.ip, { perIp: maxPerIp, windowMs });
      await admitPublicForm(
        app,
        tokens,
        {
          kind: "register",
          name: registerForm(event),
          workspaceId: event.workspaceId,
          eventId: event.id,
          ip: c.var.ip,
        },
        input,
      );
      const { status, token } = await register(app, event, input, c.var.ip);
      return c.json({ status, path: registrationPath(event, token) }, 201);
    },
  );

  r.get(
    "/:lg/:pid/registrations/:token",
    describe({
      summary: "The registrant's own registration (through the token of their confirmation page)",
      tag,
      public: true,
      response: RegistrationView,
      errors: [404],
    }),
    loadPublicEvent,
    async (c) => c.json(await registrationPage(c.var.app, c.var.event, c.req.param("token"))),
  );

  r.post(
    "/:lg/:pid/registrations/:token/cancel",
    describe({
      summary: "The registrant cancels their registration; the first on the waiting list moves up",
      tag,
      public: true,
      response: RegistrationView,
      errors: [404, 409],
    }),
    loadPublicEvent,
    async (c) => {
      const { app, event } = c.var;
      await cancelOwnRegistration(app, event, c.req.param("token"), c.var.ip);
      return c.json(await registrationPage(app, event, c.req.param("token")));
    },
  );

  return r;
}
