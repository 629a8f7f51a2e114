/**
 * Background work of the consultation desk, started with the server:
 *
 * - Re-encryption: rows (and TOTP keys, auth/sealed-totp-keys.ts) sealed with an older key (after the key file got a new first key)
 *   are opened with the old key and sealed with the current one, a row per transaction, while
 *   the server keeps serving. A row changed meanwhile is left (its writer sealed it with the
 *   current key already). The log says when everything is on the current key: the old key can
 *   then leave the key file.
 * - Retention: every CONSULTATION_RETENTION_CHECK_HOURS (and at start), cases whose last
 *   contact is older than CONSULTATION_RETENTION_YEARS are anonymised: their identifying
 *   fields are dropped, their coded fields stay for the statistics.
 */
import { retentionCutoff } from "@tsumugi/domain";
import { resealTotpKeys } from "../auth/sealed-totp-keys.js";
import type { AppContext } from "../context.js";
import { PersonalDataJobs } from "../personal-data/personal-data-jobs.js";
import * as nameIndex from "./name-index-repository.js";
import { nameIndexOf, openContact, openPerson, sealContact, sealPerson } from "./personal-fields.js";
import * as reseal from "./reseal-repository.js";
import * as retention from "./retention-repository.js";

const BATCH = 100;

export interface Reencrypted {
  cases: number;
  contacts: number;
  totpKeys: number;
}

export class DeskJobs extends PersonalDataJobs {
  constructor(app: AppContext) {
    super(app, "desk");
  }

  start(): void {
    this.schedule([() => this.reencryptNow()], [() => this.anonymiseNow()]);
  }

  /** Seals every row still sealed with an older key with the current key. */
  async reencryptNow(): Promise<Reencrypted> {
    const { kysely, personalData: vault, log } = this.app;
    const current = vault.current.id;
    const done: Reencrypted = { cases: 0, contacts: 0, totpKeys: 0 };
    let pending = true;
    while (pending && !this.stopped) {
      pending = false;
      for (const row of await reseal.casesSealedWithOtherKeys(kysely, current, BATCH)) {
        pending = true;
        const person = openPerson(vault, row.id, row.personal);
        if (!person) continue;
        const sealed = sealPerson(vault, row.id, person);
        const ok = await kysely.transaction().execute(async (trx) => {
          if (!(await reseal.resealCase(trx, row.id, row.personal, sealed))) return false;
          await nameIndex.setNameIndex(trx, row.id, nameIndexOf(vault, person));
          return true;
        });
        if (ok) done.cases += 1;
      }
      for (const row of await reseal.contactsSealedWithOtherKeys(kysely, current, BATCH)) {
        pending = true;
        const personal = openContact(vault, row.id, row.personal);
        if (!personal) continue;
        if (await reseal.resealContact(kysely, row.id, row.personal, sealContact(vault, row.id, personal)))
          done.contacts += 1;
      }
    }
    if (!this.stopped) done.totpKeys = await resealTotpKeys(this.app.kysely, vault);
    if (done.cases + done.contacts + done.totpKeys > 0)
      log.info("personal data re-encrypted with the current key; older keys may now leave the key file", {
        key: current,
        ...done,
      });
    return done;
  }

  /** Anonymises the cases past the retention period; answers how many. */
  async anonymiseNow(now: number = Date.now()): Promise<number> {
    const { kysely, audit, config } = this.app;
    const years = config.personalData.retentionYears;
    const cutoff = retentionCutoff(years, now);
    const perWorkspace = new Map<string, string[]>();
    for (;;) {
      const batch = await retention.casesToAnonymise(kysely, cutoff, BATCH);
      for (const c of batch) {
        const ok = await kysely
          .transaction()
          .execute((trx) => retention.anonymiseCase(trx, c.id, cutoff, now));
        if (ok) perWorkspace.set(c.workspaceId, [...(perWorkspace.get(c.workspaceId) ?? []), c.id]);
      }
      if (batch.length < BATCH || this.stopped) break;
    }
    let count = 0;
    for (const [workspaceId, caseIds] of perWorkspace) {
      count += caseIds.length;
      await audit.record({
        event: "consultation.anonymised",
        workspaceId,
        actorUserId: null,
        detail: {
          cases: caseIds.length,
          caseIds: caseIds.slice(0, 200),
          before: cutoff,
          retentionYears: years,
        },
      });
    }
    if (count > 0)
      this.app.log.info("consultation cases anonymised after the retention period", {
        count,
        before: cutoff,
      });
    return count;
  }
}
