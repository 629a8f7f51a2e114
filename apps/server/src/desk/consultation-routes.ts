/**
 * /api/workspaces/:wid/consultations — the desk's records (相談記録): contacts and their cases,
 * the exact-name search, statistics and exports; /consultations/examples — the published
 * examples. Only the secretariat and coordinators get past the first middleware; a
 * coordinator reads and writes the records of the desks they staff.
 */
import {
  CaseSearch,
  CaseSearchResult,
  ConsultationCaseResult,
  ConsultationCreated,
  ConsultationList,
  ConsultationQuery,
  ConsultationStatistics,
  CreateConsultation,
  CreateExample,
  CreateExport,
  ExampleList,
  ExampleResult,
  ExampleStep,
  type ResourceRef,
  StatisticsQuery,
  UpdateCase,
  UpdateConsultation,
  UpdateExample,
} from "@tsumugi/contract";
import {
  type Actor,
  authorize,
  currentFiscalYear,
  fiscalYearLabel,
  isId,
  todayInJapan,
} from "@tsumugi/domain";
import type { Context } from "hono";
import { Hono } from "hono";
import type * as z from "zod";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { allow, allowIn, callerOf, describe, fieldProblems, jsonBody, load } from "../http/operation.js";
import { presentRef } from "../resources/resource-presenter.js";
import { findResourcesByIds } from "../resources/resource-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { findCase } from "./case-repository.js";
import {
  caseNotFound,
  contactNotFound,
  createConsultation,
  type OpenedCase,
  readCase,
  searchCases,
  updateCase,
  updateConsultation,
} from "./consultation-commands.js";
import {
  consultationResource,
  presentCase,
  presentCaseSummary,
  presentSummary,
} from "./consultation-presenter.js";
import type { ContactWithCase } from "./consultation-rows.js";
import { consultationStatistics, recordsTable, statisticsTables } from "./consultation-statistics.js";
import { findContact, listContacts } from "./contact-repository.js";
import { deskResource } from "./desk-presenter.js";
import { listDesks } from "./desk-repository.js";
import {
  createExample,
  deleteExample,
  exampleNotFound,
  stepExample,
  updateExample,
} from "./example-commands.js";
import { exampleResource, presentExample } from "./example-presenter.js";
import { findExample, listExamples } from "./example-repository.js";

const tag = "desk";
export const PAGE_SIZE = 50;

/** The desks whose records the actor reads: every desk for the secretariat, their own for a coordinator. */
export async function readableDeskIds(q: QueryBuilder, workspaceId: string, actor: Actor): Promise<string[]> {
  const desks = await listDesks(q, workspaceId);
  return desks.filter((d) => authorize(actor, "readRecords", deskResource(d))).map((d) => d.id);
}

/** Validates the query string with a contract schema: 400 with field codes, like a body. */
function query<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalid(fieldProblems(parsed.error));
  return parsed.data;
}

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

const loadCase = load(
  "kase",
  async (c) => {
    const id = c.req.param("caseId");
    return isId(id) ? findCase(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  caseNotFound,
);

const loadContact = load(
  "contact",
  async (c) => {
    const id = c.req.param("cid");
    return isId(id) ? findContact(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  contactNotFound,
);

const loadExample = load(
  "example",
  async (c) => {
    const id = c.req.param("eid");
    return isId(id) ? findExample(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  exampleNotFound,
);

export function consultationRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use("*", allowIn("consultations.use"));

  r.get(
    "/",
    describe({
      summary: "Contacts of the caller's desks, newest first, with filters (coded fields only)",
      description:
        "Query: fy (年度), month, deskId, areaId, method, consulterType, topic, followUp (open | overdue | done | none), caseId, page. An unknown value is refused (400).",
      tag,
      response: ConsultationList,
    }),
    async (c) => {
      const f = query(c, ConsultationQuery);
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
    async (c) => {
      const recorded = await createConsultation(c.var.app, callerOf(c), c.req.valid("json"));
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
    "/statistics",
    describe({
      summary: "Counts by month of a 年度 and by 年度, per consulter, topic, method, response, desk and area",
      description: "Query: fy (年度; this 年度 when left out).",
      tag,
      response: ConsultationStatistics,
    }),
    async (c) => {
      const { fy } = query(c, StatisticsQuery);
      const stats = await consultationStatistics(
        c.var.app.kysely,
        c.var.workspaceId,
        fy ?? currentFiscalYear(),
      );
      return c.json({ fiscalYear: stats.fiscalYear, year: stats.year, yearly: stats.yearly });
    },
  );

  r.post(
    "/exports",
    describe({
      summary: "Export statistics or the coded records of a 年度 as CSV or xlsx (reason required; logged)",
      description:
        "Answers the file. Records exports hold coded fields only (no name, contact or text as written) and only of the caller's desks.",
      tag,
    }),
    jsonBody(CreateExport),
    async (c) => {
      const input = c.req.valid("json");
      const app = c.var.app;
      const q = app.kysely;
      const workspace = await findWorkspace(q, c.var.workspaceId);
      const municipality = workspace ? `${workspace.prefecture} ${workspace.name}` : "";
      const deskIds = await readableDeskIds(q, c.var.workspaceId, c.var.actor);
      if (input.deskId !== null && !deskIds.includes(input.deskId)) throw invalid({ deskId: "unknown" });
      let tables: Awaited<ReturnType<typeof statisticsTables>>;
      let count: number;
      if (input.kind === "statistics") {
        const stats = await consultationStatistics(q, c.var.workspaceId, input.fiscalYear);
        tables = statisticsTables(stats, municipality);
        count = stats.year.total;
      } else {
        const records = await recordsTable(
          q,
          c.var.workspaceId,
          input,
          deskIds,
          municipality,
          todayInJapan(),
        );
        tables = [records.table];
        count = records.count;
      }
      await app.audit.record({
        event: "consultation.exported",
        workspaceId: c.var.workspaceId,
        actorUserId: c.var.actor.userId,
        ip: c.var.ip,
        detail: {
          kind: input.kind,
          format: input.format,
          fiscalYear: input.fiscalYear,
          deskId: input.deskId,
          reason: input.reason,
          ...(input.note ? { note: input.note } : {}),
          count,
        },
      });
      const base = `${input.kind === "statistics" ? "相談統計" : "相談記録"}_${fiscalYearLabel(input.fiscalYear)}`;
      if (input.format === "csv") {
        const { toCsv } = await import("@tsumugi/plan-io/csv");
        const [first] = tables;
        const rows = [[first.title], first.header, ...first.rows];
        // A statistics CSV holds the month table; the yearly one follows after an empty line.
        for (const t of tables.slice(1)) rows.push([], [t.title], t.header, ...t.rows);
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.csv`)}`);
        return c.body(toCsv(rows));
      }
      const { tableWorkbookBytes } = await import("@tsumugi/plan-io");
      const bytes = await tableWorkbookBytes(tables);
      c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.xlsx`)}`);
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    },
  );

  // ---------------------------------------------------------------- published examples

  r.get(
    "/examples",
    describe({
      summary: "Examples for publication (主な相談内容と対応), in every state",
      tag,
      response: ExampleList,
    }),
    async (c) => {
      const list = await listExamples(c.var.app.kysely, c.var.workspaceId);
      return c.json({ examples: list.map((e) => presentExample(c.var.actor, e)) });
    },
  );

  r.post(
    "/examples",
    describe({
      summary: "Draft an anonymised example from a contact (its text may not name the case's people)",
      tag,
      ok: 201,
      response: ExampleResult,
    }),
    jsonBody(CreateExample),
    async (c) => {
      const example = await createExample(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ example: presentExample(c.var.actor, example) }, 201);
    },
  );

  r.patch(
    "/examples/:eid",
    describe({ summary: "Change a draft or returned example", tag, response: ExampleResult, errors: [409] }),
    jsonBody(UpdateExample),
    loadExample,
    allow("update", "example", exampleResource),
    async (c) => {
      const example = await updateExample(c.var.app, callerOf(c), c.var.example, c.req.valid("json"));
      return c.json({ example: presentExample(c.var.actor, example) });
    },
  );

  for (const step of ["submit", "approve", "return", "withdraw"] as const) {
    r.post(
      `/examples/:eid/${step}`,
      describe({
        summary: {
          submit: "Ask the secretariat to approve an example",
          approve: "Approve an example: it appears on the public desk page",
          return: "Return an example to its desk with a note",
          withdraw: "Take a published example off the public page",
        }[step],
        tag,
        response: ExampleResult,
        errors: [409],
      }),
      jsonBody(ExampleStep, { optional: true }),
      loadExample,
      allow(step, "example", exampleResource),
      async (c) => {
        const example = await stepExample(
          c.var.app,
          callerOf(c),
          c.var.example,
          step,
          c.req.valid("json").note,
        );
        return c.json({ example: presentExample(c.var.actor, example) });
      },
    );
  }

  r.delete(
    "/examples/:eid",
    describe({ summary: "Delete an example that is not published", tag, ok: 204 }),
    loadExample,
    allow("delete", "example", exampleResource),
    async (c) => {
      await deleteExample(c.var.app, callerOf(c), c.var.example);
      return c.body(null, 204);
    },
  );

  // ---------------------------------------------------------------- cases and contacts

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
    async (c) => {
      const updated = await updateCase(c.var.app, callerOf(c), c.var.kase.id, c.req.valid("json"));
      const opened = await readCase(c.var.app, callerOf(c), updated);
      return c.json({ case: presentCase(c.var.actor, opened, await referralsOf(c, opened)) });
    },
  );

  r.patch(
    "/:cid",
    describe({ summary: "Change a contact", tag, response: ConsultationCaseResult, errors: [409] }),
    jsonBody(UpdateConsultation),
    loadContact,
    allow("read", "contact", (k: ContactWithCase) => consultationResource(k.case)),
    async (c) => {
      const updated = await updateConsultation(c.var.app, callerOf(c), c.var.contact.id, c.req.valid("json"));
      const kase = await findCase(c.var.app.kysely, c.var.workspaceId, updated.caseId);
      if (!kase) throw caseNotFound();
      const opened = await readCase(c.var.app, callerOf(c), kase);
      return c.json({ case: presentCase(c.var.actor, opened, await referralsOf(c, opened)) });
    },
  );

  return r;
}
