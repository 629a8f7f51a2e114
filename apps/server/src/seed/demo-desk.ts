/**
 * The demo's consultation desk (相談支援) for 流山市: two desks, four 日常生活圏域 and a year
 * (令和7年度, April 2025 – March 2026) of illustrative cases and contacts, with a few later
 * ones, three published examples (主な相談内容と対応) and one waiting for approval. Every row is
 * marked demo (shown as 「デモ用の例」). Names and numbers are made up and marked as such;
 * identifying fields are sealed with the personal data key like any record. What it is made
 * of is in demo-desk-data.ts; this writes it through the desk's repositories.
 */
import { fiscalYearAndMonth, newId } from "@tsumugi/domain";
import { insertArea } from "../areas/area-repository.js";
import type { AppContext } from "../context.js";
import * as caseRepo from "../desk/case-repository.js";
import type { CaseRecord } from "../desk/consultation-rows.js";
import * as contactRepo from "../desk/contact-repository.js";
import * as desks from "../desk/desk-repository.js";
import { insertExample } from "../desk/example-repository.js";
import * as nameIndex from "../desk/name-index-repository.js";
import { nameIndexOf, sealContact, sealPerson } from "../desk/personal-fields.js";
import type { PersonalDataVault } from "../personal-data/vault.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import {
  AGE_BANDS,
  AGE_WEIGHTS,
  AREAS,
  CARE_LEVELS,
  CONDITIONS,
  CONSULTER_WEIGHTS,
  CONSULTERS,
  DESKS,
  EXAMPLES,
  FAMILY,
  GIVEN,
  LIVING,
  METHOD_WEIGHTS,
  METHODS,
  pick,
  random,
  SCENARIOS,
  SEXES,
} from "./demo-desk-data.js";

const pad = (n: number) => String(n).padStart(2, "0");

export async function seedDemoDesk(
  app: AppContext,
  workspaceId: string,
  coordinatorId: string,
  secretariatId: string,
): Promise<void> {
  const vault = app.personalData;
  const r = random(20250401);
  const now = Date.now();
  await app.kysely.transaction().execute(async (trx) => {
    const areaIds = AREAS.map(() => newId());
    for (const [i, name] of AREAS.entries())
      await insertArea(trx, workspaceId, { id: areaIds[i] as string, name, towns: [] });
    const makeDesk = (position: number, defaultAreaId: string | null): desks.DeskWithStaff => ({
      ...(position === 0 ? DESKS.main : DESKS.east),
      id: newId(),
      workspaceId,
      defaultAreaId,
      public: true,
      position,
      demo: true,
      createdAt: now,
      updatedAt: now,
      staffIds: [coordinatorId],
    });
    const main = makeDesk(0, null);
    const east = makeDesk(1, areaIds[3]);
    await desks.insertDesk(trx, main);
    await desks.insertDesk(trx, east);

    let caseNo = 0;
    const openCases: { record: CaseRecord; seq: number }[] = [];
    // 令和7年度 and the months of this year before the current one.
    const months: { y: number; m: number }[] = [];
    for (let i = 0; i < 24; i++) {
      const y = 2025 + Math.floor((3 + i) / 12);
      const m = ((3 + i) % 12) + 1;
      if (Date.parse(`${y}-${pad(m)}-01T00:00:00+09:00`) > now - 32 * 86_400_000) break;
      months.push({ y, m });
    }
    for (const [mi, { y, m }] of months.entries()) {
      const inFirstYear = mi < 12;
      const count = (inFirstYear ? 22 : 14) + Math.floor(r() * 8);
      for (let k = 0; k < count; k++) {
        const day = 1 + Math.floor(r() * 27);
        const hour = 9 + Math.floor(r() * 8);
        const minute = pick(r, [0, 10, 15, 20, 30, 40, 45, 50]);
        const receivedAt = `${y}-${pad(m)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
        const desk = r() < 0.15 ? east : main;
        const scenario = pick(r, SCENARIOS);
        const method = desk === east ? "walkIn" : pick(r, METHODS, METHOD_WEIGHTS);
        const consulterType = pick(r, CONSULTERS, CONSULTER_WEIGHTS);
        // About one contact in four continues an earlier case of the same desk.
        const earlier = openCases.filter((c) => c.record.deskId === desk.id);
        let kase: CaseRecord;
        let seq: number;
        if (earlier.length > 0 && r() < 0.25) {
          const found = earlier[Math.floor(r() * earlier.length)];
          found.seq += 1;
          kase = found.record;
          seq = found.seq;
        } else {
          caseNo += 1;
          const area = () => (desk === east ? areaIds[3] : pick(r, areaIds));
          kase = await newCase(
            trx,
            vault,
            r,
            { workspaceId, deskId: desk.id, caseNo, area, receivedAt },
            {
              coordinatorId,
              now,
            },
          );
          seq = 1;
          openCases.push({ record: kase, seq });
        }
        const id = newId();
        const sealed = sealContact(vault, id, {
          consulter: { name: "", organisation: "", contact: "" },
          content: scenario.content,
          responseDetail: scenario.response,
        });
        const recent = mi >= months.length - 2;
        const { fiscalYear, month } = fiscalYearAndMonth(receivedAt);
        const minutes = 5 + Math.floor(r() * 12) * 5;
        const followUpDue = recent && r() < 0.4 ? `${y}-${pad(m)}-28` : null;
        const followUpStatus = recent ? (r() < 0.4 ? "open" : "none") : r() < 0.2 ? "done" : "none";
        await contactRepo.insertContact(trx, {
          id,
          workspaceId,
          caseId: kase.id,
          seq,
          receivedAt,
          fiscalYear,
          month,
          method,
          consulterType,
          minutes,
          followUpDue,
          // A follow-up still open in the list carries its due date (the contract requires one).
          followUpStatus: followUpStatus === "open" && followUpDue === null ? "none" : followUpStatus,
          referralResourceId: null,
          referralOrganisation: scenario.referral ?? null,
          personal: sealed.text,
          keyId: sealed.keyId,
          staffUserId: coordinatorId,
          demo: true,
          anonymisedAt: null,
          createdBy: coordinatorId,
          createdAt: now,
          updatedAt: now,
          topics: scenario.topics,
          responses: scenario.responses,
        });
        await caseRepo.refreshLastContact(trx, kase.id);
      }
    }

    for (const e of EXAMPLES) {
      await insertExample(trx, {
        id: newId(),
        workspaceId,
        deskId: main.id,
        consultationId: null,
        fiscalYear: 2025,
        consulterType: e.consulterType,
        topics: e.topics,
        title: e.title,
        question: e.question,
        answer: e.answer,
        status: e.status,
        note: "",
        demo: true,
        draftedBy: coordinatorId,
        decidedBy: e.status === "published" ? secretariatId : null,
        publishedAt: e.status === "published" ? now : null,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
}

/**
 * A made-up person's case, drawn from `r` (its area last, by `area`), sealed and indexed by
 * name like any case.
 */
async function newCase(
  trx: QueryBuilder,
  vault: PersonalDataVault,
  r: () => number,
  at: Pick<CaseRecord, "workspaceId" | "deskId" | "caseNo"> & { area: () => string; receivedAt: string },
  by: { coordinatorId: string; now: number },
): Promise<CaseRecord> {
  const id = newId();
  const person = {
    name: `${pick(r, FAMILY)} ${pick(r, GIVEN)}`,
    kana: "",
    contact: "",
    address: "",
    birthDate: "",
    notes: "デモ用の例（架空の人物）",
  };
  const sealed = sealPerson(vault, id, person);
  const kase: CaseRecord = {
    id,
    workspaceId: at.workspaceId,
    deskId: at.deskId,
    caseNo: at.caseNo,
    ageBand: pick(r, AGE_BANDS, AGE_WEIGHTS),
    sex: pick(r, SEXES),
    careLevel: pick(r, CARE_LEVELS),
    living: pick(r, LIVING),
    condition: pick(r, CONDITIONS),
    areaId: at.area(),
    personal: sealed.text,
    keyId: sealed.keyId,
    lastContactAt: at.receivedAt,
    demo: true,
    anonymisedAt: null,
    createdBy: by.coordinatorId,
    createdAt: by.now,
    updatedAt: by.now,
  };
  await caseRepo.insertCase(trx, kase);
  await nameIndex.setNameIndex(trx, id, nameIndexOf(vault, person));
  return kase;
}
