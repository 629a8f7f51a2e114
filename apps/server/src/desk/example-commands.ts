/**
 * Published examples (主な相談内容と対応). A coordinator drafts one from a contact: the coded
 * fields (年度, 相談者, 相談内容の分類, desk) are taken from the record, the text is written
 * anew and may not contain the case's identifying fields (name or a part of it, kana, phone,
 * address, birth date, the consulter's name and contact); the secretariat approves, and the
 * example appears on the public desk page.
 */
import type { CreateExample, UpdateExample } from "@tsumugi/contract";
import { containsIdentifying, type ExampleStatus, identifyingFragments, newId } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { recordChanged, sameKeepers } from "./consultation-checks.js";
import type { ContactWithCase } from "./consultation-rows.js";
import { contactsOfCase, findContact } from "./contact-repository.js";
import * as examples from "./example-repository.js";
import { openContact, openPerson } from "./personal-fields.js";

export const exampleNotFound = () => new ApiError(404, "example.notFound", "相談事例が見つかりません。");
const changedMeanwhile = () =>
  new ApiError(
    409,
    "example.changed",
    "この相談事例は他の人が先に変更しました。画面を読み込み直してください。",
  );

/**
 * Refuses text that names the person or the consulter of the case the example comes from
 * (every contact of the case). The check opens the sealed fields in memory only.
 */
async function checkAnonymous(
  app: AppContext,
  q: QueryBuilder,
  workspaceId: string,
  consultationId: string | null,
  text: { title?: string; question?: string; answer?: string },
): Promise<void> {
  if (consultationId === null) return;
  const contact = await findContact(q, workspaceId, consultationId);
  if (!contact || contact.case.anonymisedAt !== null) return;
  const vault = app.personalData;
  const person = openPerson(vault, contact.case.id, contact.case.personal);
  const values: (string | null | undefined)[] = [
    person?.name,
    person?.kana,
    person?.contact,
    person?.address,
    person?.birthDate,
  ];
  for (const k of await contactsOfCase(q, contact.caseId)) {
    const p = openContact(vault, k.id, k.personal);
    values.push(p?.consulter.name, p?.consulter.contact);
  }
  const fragments = identifyingFragments(values);
  const problems: Record<string, string> = {};
  for (const [field, value] of Object.entries(text)) {
    if (value !== undefined && containsIdentifying(value, fragments)) problems[field] = "identifying";
  }
  if (Object.keys(problems).length > 0) throw invalid(problems);
}

/**
 * Drafts an example from the contact `source` (the route has authorized `draftExample` on its
 * case); refused if the case has moved to other hands since (409 `consultation.changed`).
 */
export async function createExample(
  app: AppContext,
  caller: Caller,
  source: ContactWithCase,
  input: CreateExample,
): Promise<examples.ExampleWithStaff> {
  const wid = caller.workspaceId;
  const { example, caseId } = await app.kysely.transaction().execute(async (trx) => {
    const contact = await findContact(trx, wid, source.id);
    if (!contact) throw invalid({ consultationId: "unknown" });
    if (!sameKeepers(source.case, contact.case)) throw recordChanged();
    await checkAnonymous(app, trx, wid, contact.id, input);
    const now = Date.now();
    const record: examples.ExampleWithStaff = {
      id: newId(),
      workspaceId: wid,
      deskId: contact.case.deskId,
      consultationId: contact.id,
      fiscalYear: contact.fiscalYear,
      consulterType: contact.consulterType,
      topics: contact.topics,
      title: input.title,
      question: input.question,
      answer: input.answer,
      status: "draft",
      note: "",
      demo: false,
      draftedBy: caller.actor.userId,
      decidedBy: null,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
      deskStaffIds: contact.case.deskStaffIds,
    };
    await examples.insertExample(trx, record);
    return { example: record, caseId: contact.caseId };
  });
  await app.audit.byCaller(caller, "example.drafted", example.id, { title: example.title, caseId });
  return example;
}

export async function updateExample(
  app: AppContext,
  caller: Caller,
  example: examples.ExampleWithStaff,
  input: UpdateExample,
): Promise<examples.ExampleWithStaff> {
  const next = await app.kysely.transaction().execute(async (trx) => {
    await checkAnonymous(app, trx, caller.workspaceId, example.consultationId, input);
    const record: examples.ExampleWithStaff = {
      ...example,
      title: input.title ?? example.title,
      question: input.question ?? example.question,
      answer: input.answer ?? example.answer,
      updatedAt: Date.now(),
    };
    if (!(await examples.updateExample(trx, record, example.status))) throw changedMeanwhile();
    return record;
  });
  await app.audit.byCaller(caller, "example.updated", example.id, { title: next.title });
  return next;
}

const NEXT: Record<"submit" | "approve" | "return" | "withdraw", ExampleStatus> = {
  submit: "submitted",
  approve: "published",
  return: "returned",
  withdraw: "withdrawn",
};

/** Moves an example one step (the route has checked the verb against its status). */
export async function stepExample(
  app: AppContext,
  caller: Caller,
  example: examples.ExampleWithStaff,
  step: keyof typeof NEXT,
  note: string,
): Promise<examples.ExampleWithStaff> {
  const now = Date.now();
  const next: examples.ExampleWithStaff = {
    ...example,
    status: NEXT[step],
    note: step === "return" ? note : step === "submit" ? "" : example.note,
    decidedBy:
      step === "approve" || step === "return" || step === "withdraw"
        ? caller.actor.userId
        : example.decidedBy,
    publishedAt: step === "approve" ? now : step === "withdraw" ? null : example.publishedAt,
    updatedAt: now,
  };
  await app.kysely.transaction().execute(async (trx) => {
    // Approving checks the text once more: the case may have gained a contact since.
    if (step === "approve")
      await checkAnonymous(app, trx, caller.workspaceId, example.consultationId, {
        title: example.title,
        question: example.question,
        answer: example.answer,
      });
    if (!(await examples.updateExample(trx, next, example.status))) throw changedMeanwhile();
  });
  await app.audit.byCaller(caller, "example.status_changed", example.id, {
    title: example.title,
    from: example.status,
    to: next.status,
    ...(note ? { note } : {}),
  });
  return next;
}

export async function deleteExample(
  app: AppContext,
  caller: Caller,
  example: examples.ExampleWithStaff,
): Promise<void> {
  await examples.deleteExample(app.kysely, example.id);
  await app.audit.byCaller(caller, "example.deleted", example.id, { title: example.title });
}
