/** All SQL on `questionnaires` and `questionnaire_answers`. */
import type { Answers, QuestionnaireBody } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface QuestionnaireRecord {
  eventId: string;
  body: QuestionnaireBody;
  open: boolean;
  createdAt: number;
  updatedAt: number;
}

function parseBody(text: string): QuestionnaireBody {
  const v = JSON.parse(text) as Partial<QuestionnaireBody>;
  return {
    title: v.title ?? "",
    intro: v.intro ?? "",
    questions: Array.isArray(v.questions) ? v.questions : [],
  };
}

export async function findQuestionnaire(
  q: QueryBuilder,
  eventId: string,
): Promise<QuestionnaireRecord | undefined> {
  const r = await q
    .selectFrom("questionnaires")
    .select(["event_id", "body", "open", "created_at", "updated_at"])
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return (
    r && {
      eventId: r.event_id,
      body: parseBody(r.body),
      open: r.open === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }
  );
}

export async function questionnairesOf(
  q: QueryBuilder,
  eventIds: readonly string[],
): Promise<QuestionnaireRecord[]> {
  if (eventIds.length === 0) return [];
  const rows = await q
    .selectFrom("questionnaires")
    .select(["event_id", "body", "open", "created_at", "updated_at"])
    .where("event_id", "in", eventIds)
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    body: parseBody(r.body),
    open: r.open === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function saveQuestionnaire(q: QueryBuilder, record: QuestionnaireRecord): Promise<void> {
  await q
    .insertInto("questionnaires")
    .values({
      event_id: record.eventId,
      body: JSON.stringify(record.body),
      open: record.open ? 1 : 0,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    })
    .onConflict((oc) =>
      oc.column("event_id").doUpdateSet({
        body: JSON.stringify(record.body),
        open: record.open ? 1 : 0,
        updated_at: record.updatedAt,
      }),
    )
    .execute();
}

export async function deleteQuestionnaire(q: QueryBuilder, eventId: string): Promise<void> {
  await q.deleteFrom("questionnaires").where("event_id", "=", eventId).execute();
}

/** Where an answer came from: typed in from a paper form by an organiser, or sent from the link. */
export type AnswerSource = "phone" | "paper";

/** Paper answers are stored under `paper:<answer id>` in place of a browser's hash. */
const PAPER_PREFIX = "paper:";
export const paperDeviceHash = (answerId: string) => `${PAPER_PREFIX}${answerId}`;

export interface StoredAnswer {
  eventId: string;
  answers: Answers;
  createdAt: number;
  source: AnswerSource;
}

/** The answers of several events, each parsed; rows that do not parse are skipped. */
export async function answersOf(q: QueryBuilder, eventIds: readonly string[]): Promise<StoredAnswer[]> {
  if (eventIds.length === 0) return [];
  const rows = await q
    .selectFrom("questionnaire_answers")
    .select(["event_id", "answers", "created_at", "device_hash"])
    .where("event_id", "in", eventIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const out: StoredAnswer[] = [];
  for (const r of rows) {
    try {
      out.push({
        eventId: r.event_id,
        answers: JSON.parse(r.answers) as Answers,
        createdAt: r.created_at,
        source: r.device_hash.startsWith(PAPER_PREFIX) ? "paper" : "phone",
      });
    } catch {
      // A row written by hand outside the app: not counted.
    }
  }
  return out;
}

export async function answerCount(q: QueryBuilder, eventId: string): Promise<number> {
  const r = await q
    .selectFrom("questionnaire_answers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Stores one device's answer; false when this device already answered. */
export async function insertAnswer(
  q: QueryBuilder,
  a: { id: string; eventId: string; deviceHash: string; answers: Answers; createdAt: number },
): Promise<boolean> {
  const r = await q
    .insertInto("questionnaire_answers")
    .values({
      id: a.id,
      event_id: a.eventId,
      device_hash: a.deviceHash,
      answers: JSON.stringify(a.answers),
      created_at: a.createdAt,
    })
    .onConflict((oc) => oc.columns(["event_id", "device_hash"]).doNothing())
    .executeTakeFirst();
  return r.numInsertedOrUpdatedRows === 1n;
}

export async function hasAnswered(q: QueryBuilder, eventId: string, deviceHash: string): Promise<boolean> {
  const r = await q
    .selectFrom("questionnaire_answers")
    .select("id")
    .where("event_id", "=", eventId)
    .where("device_hash", "=", deviceHash)
    .executeTakeFirst();
  return r !== undefined;
}

/** The id and host workspace of the event with this public id (the answering link). */
export async function eventOfPublicId(
  q: QueryBuilder,
  publicId: string,
): Promise<{ id: string; workspaceId: string } | undefined> {
  const r = await q
    .selectFrom("events")
    .select(["id", "workspace_id"])
    .where("public_id", "=", publicId)
    .executeTakeFirst();
  return r && { id: r.id, workspaceId: r.workspace_id };
}

/** Events of the workspace with a questionnaire (to start a new one from), newest first. */
export async function questionnaireSources(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ eventId: string; title: string; startsAt: string; body: QuestionnaireBody; answers: number }[]> {
  const rows = await q
    .selectFrom("questionnaires as qn")
    .innerJoin("events as e", "e.id", "qn.event_id")
    .select([
      "e.id as id",
      "e.title as title",
      "e.starts_at as starts_at",
      "qn.body as body",
      (eb) =>
        eb
          .selectFrom("questionnaire_answers as a")
          .select((x) => x.fn.countAll<number>().as("n"))
          .whereRef("a.event_id", "=", "e.id")
          .as("answers"),
    ])
    .where("e.workspace_id", "=", workspaceId)
    .orderBy("e.starts_at", "desc")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    eventId: r.id,
    title: r.title,
    startsAt: r.starts_at,
    body: parseBody(r.body),
    answers: Number(r.answers ?? 0),
  }));
}

/** The questionnaires of the workspace's held events, unparsed (the figures skip bodies that do not parse). */
export async function heldEventQuestionnaires(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ eventId: string; fiscalYear: number; kind: string; audience: string; body: string }[]> {
  const rows = await q
    .selectFrom("events as e")
    .innerJoin("questionnaires as qn", "qn.event_id", "e.id")
    .select([
      "e.id as id",
      "e.fiscal_year as fiscal_year",
      "e.kind as kind",
      "e.audience as audience",
      "qn.body as body",
    ])
    .where("e.workspace_id", "=", workspaceId)
    .where("e.status", "=", "held")
    .execute();
  return rows.map((r) => ({
    eventId: r.id,
    fiscalYear: r.fiscal_year,
    kind: r.kind,
    audience: r.audience,
    body: r.body,
  }));
}

/** The answers given at the workspace's held events, unparsed, in the order they came. */
export async function heldEventAnswers(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ eventId: string; answers: string }[]> {
  const rows = await q
    .selectFrom("questionnaire_answers as a")
    .innerJoin("events as e", "e.id", "a.event_id")
    .select(["a.event_id as event_id", "a.answers as answers"])
    .where("e.workspace_id", "=", workspaceId)
    .where("e.status", "=", "held")
    .orderBy("a.created_at")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({ eventId: r.event_id, answers: r.answers }));
}
