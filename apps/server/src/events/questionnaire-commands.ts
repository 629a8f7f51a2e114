/**
 * Changes to an event's questionnaire (アンケート) and the answers people send: saving what the
 * builder wrote (checked by the domain; once answered, questions keep their shape), starting
 * from a template or from another event's questionnaire, removing one nobody answered, and
 * storing one anonymous answer per browser.
 */
import type { SaveQuestionnaire } from "@tsumugi/contract";
import {
  type Answers,
  newId,
  type QuestionnaireBody,
  type QuestionnaireTemplate,
  questionnaireChangeProblems,
  questionnaireFromTemplate,
  questionnaireProblems,
  readAnswers,
} from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { auditEvent } from "./event-audit.js";
import * as events from "./event-repository.js";
import type { EventView } from "./event-rows.js";
import { type AnswerAnnouncer, announceAnswer } from "./questionnaire-events.js";
import * as repo from "./questionnaire-repository.js";

export const questionnaireNotFound = () =>
  new ApiError(404, "questionnaire.notFound", "この研修・イベントのアンケートはまだ作成されていません。");
const answeredShape = () =>
  new ApiError(
    409,
    "questionnaire.answered",
    "回答が届いているため、質問の削除や、質問の種類・選択肢の数の変更はできません（文言の修正と質問の追加はできます）。",
  );
const answeredDelete = () =>
  new ApiError(409, "questionnaire.hasAnswers", "回答が届いているアンケートは削除できません。");
export const questionnaireClosed = () =>
  new ApiError(
    410,
    "questionnaire.closed",
    "このアンケートの受付は終了しました。ご協力ありがとうございました。",
  );
export const alreadyAnswered = () =>
  new ApiError(
    409,
    "questionnaire.alreadyAnswered",
    "この端末からは既に回答をいただいています。ありがとうございました。",
  );

type SaveInput = z.output<typeof SaveQuestionnaire>;

/** Domain problems (`questions.2.options: options`) as the API's field codes. */
function checkBody(body: QuestionnaireBody): void {
  const problems = questionnaireProblems(body);
  if (problems.length === 0) return;
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.path] ??= p.code;
  throw invalid(fields);
}

async function store(
  app: AppContext,
  caller: Caller,
  event: EventView,
  body: QuestionnaireBody,
  open: boolean | undefined,
  how: Record<string, unknown>,
): Promise<repo.QuestionnaireRecord> {
  checkBody(body);
  const now = Date.now();
  const saved = await app.kysely.transaction().execute(async (trx) => {
    const before = await repo.findQuestionnaire(trx, event.id);
    if (before && (await repo.answerCount(trx, event.id)) > 0) {
      if (questionnaireChangeProblems(before.body, body).length > 0) throw answeredShape();
    }
    const record: repo.QuestionnaireRecord = {
      eventId: event.id,
      body,
      open: open ?? before?.open ?? false,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await repo.saveQuestionnaire(trx, record);
    return record;
  });
  await auditEvent(app, caller, event, "event.questionnaire_saved", {
    questions: body.questions.length,
    open: saved.open,
    ...how,
  });
  return saved;
}

export async function saveQuestionnaire(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: SaveInput,
): Promise<repo.QuestionnaireRecord> {
  const body: QuestionnaireBody = { title: input.title, intro: input.intro, questions: input.questions };
  return store(app, caller, event, body, input.open, {});
}

/** A template's questionnaire in place of one nobody has answered. */
export async function questionnaireFromTemplateCommand(
  app: AppContext,
  caller: Caller,
  event: EventView,
  template: QuestionnaireTemplate,
): Promise<repo.QuestionnaireRecord> {
  if ((await repo.answerCount(app.kysely, event.id)) > 0) throw answeredShape();
  return store(app, caller, event, questionnaireFromTemplate(template), undefined, { template });
}

/** The questionnaire of another event of the workspace (its questions, not its answers). */
export async function copyQuestionnaire(
  app: AppContext,
  caller: Caller,
  event: EventView,
  fromEventId: string,
): Promise<repo.QuestionnaireRecord> {
  const source = await events.findEventView(app.kysely, caller.workspaceId, fromEventId);
  const from =
    source && source.workspaceId === caller.workspaceId && source.id !== event.id
      ? await repo.findQuestionnaire(app.kysely, source.id)
      : undefined;
  if (!from) throw invalid({ fromEventId: "unknown" });
  if ((await repo.answerCount(app.kysely, event.id)) > 0) throw answeredShape();
  return store(app, caller, event, from.body, undefined, { copiedFrom: fromEventId });
}

export async function deleteQuestionnaire(app: AppContext, caller: Caller, event: EventView): Promise<void> {
  await app.kysely.transaction().execute(async (trx) => {
    if (!(await repo.findQuestionnaire(trx, event.id))) throw questionnaireNotFound();
    if ((await repo.answerCount(trx, event.id)) > 0) throw answeredDelete();
    await repo.deleteQuestionnaire(trx, event.id);
  });
  await app.audit.byCaller(caller, "event.questionnaire_deleted", event.id, { title: event.title });
}

/**
 * An answer written on the paper form and typed in by an organiser: checked like one from the
 * answering page, accepted while the questionnaire is closed too (paper comes back after the
 * event), never refused as a second answer of a browser; audited without its content.
 */
export async function enterPaperAnswer(
  app: AppContext,
  caller: Caller,
  live: AnswerAnnouncer,
  event: EventView,
  raw: Record<string, unknown>,
): Promise<number> {
  const qn = await repo.findQuestionnaire(app.kysely, event.id);
  if (!qn) throw questionnaireNotFound();
  const read = readAnswers(qn.body, raw);
  if (!read.ok) {
    const fields: Record<string, string> = {};
    for (const p of read.problems) fields[`answers.${p.questionId}`] ??= p.code;
    throw invalid(fields);
  }
  const id = newId();
  const answers = read.answers;
  const count = await app.kysely.transaction().execute(async (trx) => {
    await repo.insertAnswer(trx, {
      id,
      eventId: event.id,
      deviceHash: repo.paperDeviceHash(id),
      answers,
      createdAt: Date.now(),
    });
    return repo.answerCount(trx, event.id);
  });
  await auditEvent(app, caller, event, "event.questionnaire_paper_entered", { answerId: id });
  announceAnswer(live, event, "paper");
  return count;
}

/**
 * One answer from the answering page: checked against the questionnaire (400 with a code per
 * question, `answers.q2: required`), refused when the questionnaire is closed or the event
 * cancelled (410), or when this browser already answered (409).
 */
export async function submitAnswer(
  app: AppContext,
  live: AnswerAnnouncer,
  event: EventView,
  raw: Record<string, unknown>,
  deviceHash: string,
): Promise<void> {
  const qn = await repo.findQuestionnaire(app.kysely, event.id);
  if (!qn) throw questionnaireNotFound();
  if (!qn.open || event.status === "cancelled") throw questionnaireClosed();
  const read = readAnswers(qn.body, raw);
  if (!read.ok) {
    const fields: Record<string, string> = {};
    for (const p of read.problems) fields[`answers.${p.questionId}`] ??= p.code;
    throw invalid(fields);
  }
  const answers: Answers = read.answers;
  const stored = await app.kysely.transaction().execute((trx) =>
    repo.insertAnswer(trx, {
      id: newId(),
      eventId: event.id,
      deviceHash,
      answers,
      createdAt: Date.now(),
    }),
  );
  if (!stored) throw alreadyAnswered();
  announceAnswer(live, event, "phone");
}

/**
 * An answer whose hidden field was filled (a program's): answered like any other, kept nowhere,
 * and recorded as refused.
 */
export async function dropRobotAnswer(app: AppContext, event: EventView, ip: string): Promise<void> {
  await app.audit.record({
    event: "event.public_refused",
    workspaceId: event.workspaceId,
    target: event.id,
    ip,
    detail: { form: "questionnaire", reason: "hiddenField" },
  });
}
