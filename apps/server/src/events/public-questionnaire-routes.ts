/**
 * /api/public/questionnaires/:publicId — answering an event's questionnaire without an
 * account (the page /q/<public id>, from a QR code on the last slide or a link sent to the
 * participants). Anonymous: an answer keeps no name and no address, only the hash of a random
 * token in this browser's cookie, so that one browser answers once. The form carries a hidden
 * field people do not see, and each address may send a limited number of answers per window.
 */

import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { AnswerQuestionnaire, AnswerReceived, PublicQuestionnaire } from "@tsumugi/contract";
import type { Context } from "hono";
import { Hono } from "hono";
import { ourCookie, ourCookieName, readCookie } from "../auth/cookie.js";
import { randomString } from "../auth/secret-token.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { describe, jsonBody } from "../http/operation.js";
import { PublicFormGuard } from "../http/public-form-guard.js";
import { findEventView } from "./event-repository.js";
import type { EventView } from "./event-rows.js";
import { findByTokenHash } from "./participant-repository.js";
import { dropRobotAnswer, submitAnswer } from "./questionnaire-commands.js";
import type { AnswerAnnouncer } from "./questionnaire-events.js";
import { presentPublicQuestionnaire } from "./questionnaire-presenter.js";
import * as repo from "./questionnaire-repository.js";

const tag = "events";
const COOKIE = "tsumugi_answerer";
const COOKIE_DAYS = 400;
const PUBLIC_ID = /^[a-z0-9]{8,64}$/;

const notOffered = () =>
  new ApiError(404, "questionnaire.notOffered", "このアンケートは見つかりません。URL をご確認ください。");

async function loadPublic(
  c: Context<AppEnv>,
): Promise<{ event: EventView; record: repo.QuestionnaireRecord }> {
  const publicId = c.req.param("publicId") ?? "";
  const q = c.var.app.kysely;
  const found = PUBLIC_ID.test(publicId) ? await repo.eventOfPublicId(q, publicId) : undefined;
  const event = found && (await findEventView(q, found.workspaceId, found.id));
  const record = event && (await repo.findQuestionnaire(q, event.id));
  if (!event || !record) throw notOffered();
  return { event, record };
}

/** This browser's answering token (made and set when it has none). */
function answererToken(c: Context<AppEnv>): string {
  const config = c.var.app.config;
  const current = readCookie(c.req.header("cookie"), ourCookieName(config, COOKIE));
  if (current && /^[a-z0-9]{20,64}$/.test(current)) return current;
  const token = randomString(20);
  c.header("Set-Cookie", ourCookie(config, COOKIE, token, COOKIE_DAYS * 86_400), { append: true });
  return token;
}

const hex = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** The same browser gives a different hash for each event: answers of two events are not linked. */
const deviceHash = (eventId: string, token: string) => hex(`${eventId}:${token}`);

/**
 * The answerer's key when they came through their registration's link: made from the token
 * itself, which the server does not keep (only its hash), so an answer cannot be traced back to
 * the registration from the database; one answer per registration on any device.
 */
async function registrantHash(c: Context<AppEnv>, eventId: string, token: string): Promise<string> {
  const found = /^[a-z2-7]{20,64}$/.test(token)
    ? await findByTokenHash(c.var.app.kysely, hex(token))
    : undefined;
  if (!found || found.eventId !== eventId) throw invalid({ registrant: "unknown" });
  return hex(`${eventId}:registrant:${token}`);
}

export function publicQuestionnaireRoutes(guard: PublicFormGuard, live: AnswerAnnouncer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/:publicId",
    describe({
      summary: "The questionnaire to answer (no login), and whether this browser answered",
      tag,
      response: PublicQuestionnaire,
      public: true,
    }),
    async (c) => {
      const { event, record } = await loadPublic(c);
      const answered = await repo.hasAnswered(
        c.var.app.kysely,
        event.id,
        deviceHash(event.id, answererToken(c)),
      );
      return c.json(presentPublicQuestionnaire(event, record, answered));
    },
  );

  r.post(
    "/:publicId",
    describe({
      summary: "Send one anonymous answer (one per browser; limited per address)",
      tag,
      ok: 201,
      response: AnswerReceived,
      errors: [404, 409, 410, 429],
      public: true,
    }),
    jsonBody(AnswerQuestionnaire),
    async (c) => {
      await guard.admit("questionnaire", c.var.ip);
      const { event } = await loadPublic(c);
      const body = c.req.valid("json");
      if (PublicFormGuard.isBot(body.website)) {
        // Answered like any other, kept nowhere: the program learns nothing.
        await dropRobotAnswer(c.var.app, event, c.var.ip);
        return c.json({ received: true as const }, 201);
      }
      const key =
        body.registrant !== undefined && body.registrant !== ""
          ? await registrantHash(c, event.id, body.registrant)
          : deviceHash(event.id, answererToken(c));
      await submitAnswer(c.var.app, live, event, body.answers, key);
      return c.json({ received: true as const }, 201);
    },
  );

  return r;
}
