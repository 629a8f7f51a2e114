/**
 * What the consultation routes load before the policy decides, and the one answer that comes
 * before the policy's `update`: a record past its retention (anonymised) is 409 to whoever
 * may still read it.
 */
import { type Actor, authorize, isId } from "@tsumugi/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/env.js";
import { load } from "../http/operation.js";
import { findCase } from "./case-repository.js";
import { anonymised, caseNotFound, contactNotFound } from "./consultation-checks.js";
import { consultationResource } from "./consultation-presenter.js";
import type { CaseWithStaff } from "./consultation-rows.js";
import { findContact } from "./contact-repository.js";

/**
 * Whether the actor reads the case: a case (or contact) they may not read is, where a body
 * names it, an unknown id (400) rather than a refusal, so that its existence is not told.
 */
export const readable = (actor: Actor, kase: CaseWithStaff): boolean =>
  authorize(actor, "read", consultationResource(kase));

export const loadCase = load(
  "kase",
  async (c) => {
    const id = c.req.param("caseId");
    return isId(id) ? findCase(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  caseNotFound,
);

export const loadContact = load(
  "contact",
  async (c) => {
    const id = c.req.param("cid");
    return isId(id) ? findContact(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  contactNotFound,
);

/**
 * 409 `consultation.anonymised` when the record loaded under `key` is anonymised: put after
 * `allow("read", …)`, so that only someone who may read it learns why it cannot be changed.
 */
export function notAnonymised<K extends string, T>(
  key: K,
  caseOf: (loaded: T) => CaseWithStaff | undefined,
): MiddlewareHandler<AppEnv & { Variables: { [P in K]: T } }> {
  return async (c, next) => {
    const kase = caseOf(c.get(key) as T);
    if (kase && kase.anonymisedAt !== null) throw anonymised();
    await next();
  };
}
