/** Desks as the API answers them (contract: Desk), with what the caller may do to each. */
import type { Desk } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type DeskResource } from "@tsumugi/domain";
import type { DeskWithStaff } from "./desk-repository.js";

/** The desk as the policy sees it: who keeps its records. */
export function deskResource(desk: { staffIds: readonly string[] }): DeskResource {
  return { kind: "desk", staffIds: desk.staffIds };
}

export function presentDesk(actor: Actor, desk: DeskWithStaff): Desk {
  return {
    id: desk.id,
    name: desk.name,
    hours: desk.hours,
    phone: desk.phone,
    email: desk.email,
    address: desk.address,
    howToConsult: desk.howToConsult,
    defaultMethod: desk.defaultMethod,
    defaultAreaId: desk.defaultAreaId,
    public: desk.public,
    staffIds: desk.staffIds,
    demo: desk.demo,
    abilities: abilitiesOf(actor, deskResource(desk)),
  };
}
