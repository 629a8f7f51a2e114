/**
 * /api/workspaces/:wid/consultations — the desk's records (相談記録): contacts and their cases
 * and the exact-name search. Only the secretariat and coordinators get past the first
 * middleware; a coordinator reads and writes the records of the desks they staff. The
 * statistics and exports are in statistics-routes.ts, the published examples in
 * example-routes.ts.
 */
import {
  CaseSearch,
  CaseSearchResult,
  ConsultationCaseResult,
  ConsultationCreated,
  ConsultationList,
  ConsultationQuery,
  CreateConsultation,
  type ResourceRef,
  UpdateCase,
  UpdateConsultation,
} from "@tsumugi/contract";
import { todayInJapan } from "@tsumugi/domain";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import {
  allow,
  allowIn,
  allowOn,
  callerOf,
  describe,
  jsonBody,
  load,
  queryParams,
} from "../http/operation.js";
import { presentRef } from "../resources/resource-presenter.js";
import { findResourcesByIds } from "../resources/resource-repository.js";
import { updateCase } from "./case-commands.js";
import { findCase } from "./case-repository.js";
import { caseNotFound } from "./consultation-checks.js";
import { type ContactPlace, createConsultation, updateConsultation } from "./consultation-commands.js";
import { loadCase, loadContact, notAnonymised, readable } from "./consultation-loaders.js";
import {
  consultationResource,
  presentCase,
  presentCaseSummary,
  presentSummary,
} from "./consultation-presenter.js";
import { type OpenedCase, readCase, searchCases } from "./consultation-reads.js";
import type { CaseWithStaff, ContactWithCase } from "./consultation-rows.js";
import { listContacts } from "./contact-repository.js";
import { deskResource } from "./desk-presenter.js";
import { readableDeskIds } from "./desk-queries.js";
import { type DeskWithStaff, findDesk } from "./desk-repository.js";

const tag = "desk";
export const PAGE_SIZE = 50;

/** The directory entries a case's contacts refer to, as they now are. */
async function referralsOf<E extends AppEnv>(
  c: Context<E>,
  opened: OpenedCase,
): Promise<Map<string, ResourceRef>> {
  const ids = [
    ...new Set(
      opened.contacts.map((k) => k.contact.referralResourceId).filter((id): id is string => id !== null),
    ),
  ];
  const entries = await findResourcesByIds(c.var.app.kysely, c.var.workspaceId, ids);
  return new Map(entries.map((e) => [e.id, presentRef(e)]));
}

/**
 * Where a new contact goes: the case named by `caseId` (one the caller reads, else 400
 * unknown), or the desk of the case it opens (400 unknown if there is no such desk).
 */
const loadPlace = load(
  "place",
  async (c): Promise<ContactPlace | undefined> => {
    const body = c.req.valid("json" as never) as CreateConsultation;
    const q = c.var.app.kysely;
    if (body.caseId !== undefined) {
      const kase = await findCase(q, c.var.workspaceId, body.caseId);
      return kase && readable(c.var.actor, kase) ? { kase } : undefined;
    }
    const desk = body.case && (await findDesk(q, c.var.workspaceId, body.case.deskId));
    if (!desk) throw invalid({ "case.deskId": "unknown" });
    return { desk };
  },
  () => invalid({ caseId: "unknown" }),
);

/** The desk a changed case is to be at: the one the body names, or its own (400 unknown if none). */
const loadCaseDesk = load(
  "desk",
  async (c) => {
    const { deskId } = c.req.valid("json" as never) as UpdateCase;
    const kase = c.get("kase" as never) as CaseWithStaff;
    return findDesk(c.var.app.kysely, c.var.workspaceId, deskId ?? kase.deskId);
  },
  () => invalid({ deskId: "unknown" }),
);

const ofContact = (k: ContactWithCase) => consultationResource(k.case);

/** Mounted at /api/workspaces/:wid/consultations. */
export function consultationRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use("*", allowIn("consultations.use"));

  r.get(
    "/",
    describe({
      summary: "Contacts of the caller's desks, newest first, with filters (coded fields only)",
      description: "followUp: open | overdue | done | none. An unknown value is refused (400).",
      tag,
      response: ConsultationList,
    }),
    queryParams(ConsultationQuery),
    async (c) => {
      const f = c.req.valid("query");
      const q = c.var.app.kysely;
      const deskIds = await readableDeskIds(q, c.var.workspaceId, c.var.actor);
      const { rows, total } = await listContacts(
        q,
        c.var.workspaceId,
        {
          deskIds,
          fiscalYear: f.fy,
          month: f.month,
          deskId: f.deskId,
          areaId: f.areaId,
          method: f.method,
          consulterType: f.consulterType,
          topic: f.topic,
          followUp: f.followUp,
          caseId: f.caseId,
          today: todayInJapan(),
        },
        { offset: (f.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
      );
      return c.json({ consultations: rows.map(presentSummary), total, page: f.page, pageSize: PAGE_SIZE });
    },
  );

  r.post(
    "/",
    describe({
      summary: "Record a contact: of an existing case (caseId) or opening a new case (case)",
      tag,
      ok: 201,
      response: ConsultationCreated,
      errors: [409],
    }),
    jsonBody(CreateConsultation),
    loadPlace,
    notAnonymised("place", (p: ContactPlace) => p.kase),
    allowOn((c) => {
      const place = c.get("place" as never) as ContactPlace;
      return place.kase
        ? { verb: "update", resource: consultationResource(place.kase) }
        : { verb: "writeRecords", resource: deskResource(place.desk as DeskWithStaff) };
    }),
    async (c) => {
      const recorded = await createConsultation(c.var.app, callerOf(c), c.var.place, c.req.valid("json"));
      return c.json({ consultation: presentSummary(recorded.contact), caseNo: recorded.contact.caseNo }, 201);
    },
  );

  r.post(
    "/search",
    describe({
      summary: "Find cases by the exact name or kana (keyed-hash index; logged)",
      description:
        "Compares the whole name, ignoring spaces, width and case; no partial or fuzzy match. The name is sent in the body so that it never appears in a URL or a log.",
      tag,
      response: CaseSearchResult,
    }),
    jsonBody(CaseSearch),
    async (c) => {
      const deskIds = await readableDeskIds(c.var.app.kysely, c.var.workspaceId, c.var.actor);
      const cases = await searchCases(c.var.app, callerOf(c), c.req.valid("json").name, deskIds);
      return c.json({ cases: cases.map(presentCaseSummary) });
    },
  );

  r.get(
    "/cases/:caseId",
    describe({
      summary: "A case with its contacts and identifying fields (the read is logged first)",
      tag,
      response: ConsultationCaseResult,
    }),
    loadCase,
    allow("read", "kase", consultationResource),
    async (c) => {
      const opened = await readCase(c.var.app, callerOf(c), c.var.kase);
      return c.json({ case: presentCase(c.var.actor, opened, await referralsOf(c, opened)) });
    },
  );

  r.patch(
    "/cases/:caseId",
    describe({
      summary: "Change a case: its desk, coded attributes and the person's identifying fields",
      tag,
      response: ConsultationCaseResult,
      errors: [409],
    }),
    jsonBody(UpdateCase),
    loadCase,
    allow("read", "kase", consultationResource),
    notAnonymised("kase", (k: CaseWithStaff) => k),
    allow("update", "kase", consultationResource),
    // Moving a case to another desk: the caller keeps that desk's records too.
    loadCaseDesk,
    allow("writeRecords", "desk", deskResource),
    async (c) => {
      const updated = await updateCase(c.var.app, callerOf(c), c.var.kase, c.var.desk, c.req.valid("json"));
      const opened = await readCase(c.var.app, callerOf(c), updated);
      return c.json({ case: presentCase(c.var.actor, opened, await referralsOf(c, opened)) });
    },
  );

  r.patch(
    "/:cid",
    describe({ summary: "Change a contact", tag, response: ConsultationCaseResult, errors: [409] }),
    jsonBody(UpdateConsultation),
    loadContact,
    allow("read", "contact", ofContact),
    notAnonymised("contact", (k: ContactWithCase) => k.case),
    allow("update", "contact", ofContact),
    async (c) => {
      const updated = await updateConsultation(c.var.app, callerOf(c), c.var.contact, c.req.valid("json"));
      const kase = await findCase(c.var.app.kysely, c.var.workspaceId, updated.caseId);
      if (!kase) throw caseNotFound();
      const opened = await readCase(c.var.app, callerOf(c), kase);
      return c.json({ case: presentCase(c.var.actor, opened, await referralsOf(c, opened)) });
    },
  );

  return r;
}
