/**
 * Changing a case: its coded fields, its identifying fields (sealed here, the name index
 * written again) and the desk it is kept at. No audit entry carries the identifying fields.
 */
import type { Person, UpdateCase } from "@tsumugi/contract";
import type { AppContext, Caller } from "../context.js";
import { invalid } from "../http/errors.js";
import * as caseRepo from "./case-repository.js";
import { asAuthorized, caseNotFound, checkArea, deskAsAuthorized } from "./consultation-checks.js";
import { fieldsOf } from "./consultation-commands.js";
import type { CaseWithStaff } from "./consultation-rows.js";
import type { DeskWithStaff } from "./desk-repository.js";
import * as nameIndex from "./name-index-repository.js";
import { nameIndexOf, openPerson, sealPerson } from "./personal-fields.js";

/**
 * Changes a case; `desk` is the desk it is to be at (its own, or another one it moves to). The
 * route has authorized `update` on the case and `writeRecords` on that desk.
 */
export async function updateCase(
  app: AppContext,
  caller: Caller,
  kase: CaseWithStaff,
  desk: DeskWithStaff,
  input: UpdateCase,
): Promise<CaseWithStaff> {
  const wid = caller.workspaceId;
  const vault = app.personalData;
  const updated = await app.kysely.transaction().execute(async (trx) => {
    const current = asAuthorized(kase, await caseRepo.findCase(trx, wid, kase.id), caseNotFound);
    let deskStaffIds = current.deskStaffIds;
    if (desk.id !== current.deskId) {
      const to = await deskAsAuthorized(trx, desk, () => invalid({ deskId: "unknown" }));
      deskStaffIds = to.staffIds;
    }
    if (input.areaId !== undefined) await checkArea(trx, wid, input.areaId, "areaId");
    let personal = current.personal;
    let keyId = current.keyId;
    if (input.person !== undefined) {
      const person: Person = {
        ...(openPerson(vault, current.id, current.personal) as Person),
        ...input.person,
      };
      const sealed = sealPerson(vault, current.id, person);
      personal = sealed.text;
      keyId = sealed.keyId;
      await nameIndex.setNameIndex(trx, current.id, nameIndexOf(vault, person));
    }
    const next: CaseWithStaff = {
      ...current,
      deskId: desk.id,
      ageBand: input.ageBand ?? current.ageBand,
      sex: input.sex ?? current.sex,
      careLevel: input.careLevel ?? current.careLevel,
      living: input.living ?? current.living,
      condition: input.condition ?? current.condition,
      areaId: input.areaId === undefined ? current.areaId : input.areaId,
      personal,
      keyId,
      updatedAt: Date.now(),
      deskStaffIds,
    };
    await caseRepo.updateCase(trx, next);
    return next;
  });
  await app.audit.byCaller(caller, "consultation.case_updated", updated.id, {
    fields: [
      ...fieldsOf({ ...input, person: undefined }),
      ...(input.person ? fieldsOf(input.person).map((f) => `person.${f}`) : []),
    ],
  });
  return updated;
}
