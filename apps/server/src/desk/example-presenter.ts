/** Published examples as the API answers them (contract: ConsultationExample). */
import type { ConsultationExample } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type ExampleResource } from "@tsumugi/domain";
import type { ExampleWithStaff } from "./example-repository.js";

export function exampleResource(e: ExampleWithStaff): ExampleResource {
  return { kind: "example", status: e.status, deskStaffIds: e.deskStaffIds };
}

export function presentExample(actor: Actor, e: ExampleWithStaff): ConsultationExample {
  return {
    id: e.id,
    deskId: e.deskId,
    consultationId: e.consultationId,
    fiscalYear: e.fiscalYear,
    consulterType: e.consulterType,
    topics: e.topics,
    title: e.title,
    question: e.question,
    answer: e.answer,
    status: e.status,
    note: e.note,
    draftedBy: e.draftedBy,
    decidedBy: e.decidedBy,
    publishedAt: e.publishedAt,
    updatedAt: e.updatedAt,
    demo: e.demo,
    abilities: abilitiesOf(actor, exampleResource(e)),
  };
}
