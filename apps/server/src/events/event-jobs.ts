/**
 * Background work of events, started with the server: participants' names, contacts and notes
 * are erased EVENT_PARTICIPANT_RETENTION_DAYS after their event (checked as often as the
 * consultation records' retention, CONSULTATION_RETENTION_CHECK_HOURS, and at start). Their
 * 職種, organisation, status and check-in stay, so the counts and the indicators do not change;
 * the registrant's page stops opening (its token is erased too). The contacts of 出前講座
 * requests are erased after the same number of days (request-commands.ts).
 *
 * After a key rotation (a new first key in the key file), rows sealed with an older key are
 * sealed again with the current one, their duplicate hash recomputed, like the desk's records
 * (desk-jobs.ts), so the old key may leave the key file.
 */
import { todayInJapan } from "@tsumugi/domain";
import type { AppContext } from "../context.js";
import { PersonalDataJobs } from "../personal-data/personal-data-jobs.js";
import { dedupeHash, openParticipant, sealParticipant } from "./participant-fields.js";
import {
  eraseParticipantsBefore,
  participantsSealedWithOtherKeys,
  resealParticipant,
} from "./participant-sealing-repository.js";
import { eraseRequestContacts, resealRequests } from "./request-commands.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export class EventJobs extends PersonalDataJobs {
  constructor(app: AppContext) {
    super(app, "events");
  }

  start(): void {
    this.schedule(
      [() => this.reencryptNow(), () => resealRequests(this.app)],
      [() => this.eraseNow(), () => eraseRequestContacts(this.app)],
    );
  }

  /** Seals every participant row still sealed with an older key with the current key. */
  async reencryptNow(): Promise<number> {
    const { kysely, personalData: vault, log } = this.app;
    let done = 0;
    for (;;) {
      const batch = await participantsSealedWithOtherKeys(kysely, vault.current.id, 100);
      for (const row of batch) {
        const personal = openParticipant(vault, row.id, row.personal);
        if (!personal) continue;
        const hash =
          row.dedupeHash === null ? null : dedupeHash(vault, row.eventId, personal.name, personal.contact);
        if (
          await resealParticipant(
            kysely,
            row.id,
            row.personal,
            sealParticipant(vault, row.id, personal),
            hash,
          )
        )
          done += 1;
      }
      if (batch.length < 100 || this.stopped) break;
    }
    if (done > 0)
      log.info("event participants re-encrypted with the current key", { key: vault.current.id, rows: done });
    return done;
  }

  /**
   * Erases the personal fields of participants of events that began more than the retention
   * period ago (by Japan's calendar); answers how many rows.
   */
  async eraseNow(now: number = Date.now()): Promise<number> {
    const { kysely, audit, config } = this.app;
    const days = config.publicForms.participantRetentionDays;
    // An event on the cutoff day itself is kept until the next day.
    const before = todayInJapan(now - days * DAY_MS);
    const erased = await kysely.transaction().execute((trx) => eraseParticipantsBefore(trx, before, now));
    const perWorkspace = new Map<string, { eventIds: string[]; rows: number }>();
    for (const e of erased) {
      const w = perWorkspace.get(e.workspaceId) ?? { eventIds: [], rows: 0 };
      w.eventIds.push(e.eventId);
      w.rows += e.rows;
      perWorkspace.set(e.workspaceId, w);
    }
    let count = 0;
    for (const [workspaceId, w] of perWorkspace) {
      count += w.rows;
      await audit.record({
        event: "event.participants_erased",
        workspaceId,
        actorUserId: null,
        detail: { participants: w.rows, eventIds: w.eventIds.slice(0, 200), before, retentionDays: days },
      });
    }
    if (count > 0)
      this.app.log.info("event participants' personal data erased after the retention period", {
        count,
        before,
      });
    return count;
  }
}
