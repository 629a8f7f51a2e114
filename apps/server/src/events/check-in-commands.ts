/**
 * Check-in at the door: by the code on the registrant's page or from the list, taken back with
 * `undo`; someone on the waiting list who comes is given their place.
 */
import type { CheckIn } from "@tsumugi/contract";
import { readCheckInCode } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { auditEvent } from "./event-audit.js";
import type { EventView } from "./event-rows.js";
import { eventCancelled, participantNotFound } from "./participant-commands.js";
import * as participants from "./participant-repository.js";
import { setCheckedIn, setStatus } from "./participant-write-repository.js";

const codeNotFound = () =>
  new ApiError(
    404,
    "event.checkInCodeNotFound",
    "この研修・イベントの受付番号ではありません。番号をお確かめください。",
    {
      code: "unknown",
    },
  );
const cancelledRegistration = () =>
  new ApiError(
    409,
    "event.registrationCancelled",
    "取り消された申込です。当日参加として受け付けてください。",
  );

/**
 * Check-in at the door, by the code on the registrant's page (typed, pasted or scanned) or
 * from the list; `undo` takes it back. Someone on the waiting list who comes is given their
 * place at the door. Checking in twice answers `alreadyCheckedIn`.
 */
export async function checkIn(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: z.output<typeof CheckIn>,
): Promise<{ record: participants.ParticipantRecord; alreadyCheckedIn: boolean }> {
  if (event.status === "cancelled") throw eventCancelled();
  let row: participants.ParticipantRecord | undefined;
  if (input.participantId)
    row = await participants.findParticipant(app.kysely, event.id, input.participantId);
  else if (input.code) {
    const code = readCheckInCode(input.code);
    row = code ? await participants.findByCheckInCode(app.kysely, event.id, code) : undefined;
    if (!row) throw codeNotFound();
  }
  if (!row) throw participantNotFound();
  if (row.status === "cancelled") throw cancelledRegistration();
  const already = row.checkedInAt !== null;
  if (input.undo) {
    if (already) await setCheckedIn(app.kysely, row.id, null, null);
  } else if (!already) {
    await app.kysely.transaction().execute(async (trx) => {
      if (row.status === "waitlisted") await setStatus(trx, row.id, "registered");
      await setCheckedIn(trx, row.id, Date.now(), caller.actor.userId);
    });
  }
  // Recorded even when nothing changed: the answer names the person (a read of their data).
  await auditEvent(app, caller, event, "event.participant_checked_in", {
    participantId: row.id,
    undo: input.undo,
    changed: input.undo ? already : !already,
    by: input.code ? "code" : "list",
  });
  const fresh = (await participants.findParticipant(
    app.kysely,
    event.id,
    row.id,
  )) as participants.ParticipantRecord;
  return { record: fresh, alreadyCheckedIn: already && !input.undo };
}
