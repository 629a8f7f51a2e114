/**
 * Registrations, the waiting list, check-in and walk-ins. Personal fields are sealed with the
 * personal data key before they reach the database and opened only for organisers, each read
 * logged.
 */
import { placesToFill } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { EventRecord } from "./event-repository.js";
import * as participants from "./participant-repository.js";

/**
 * Gives the places that are free (a cancellation, a larger capacity) to the first people on
 * the waiting list; answers who moved up. Runs inside the caller's transaction.
 */
export async function fillFreedPlaces(trx: QueryBuilder, event: EventRecord): Promise<string[]> {
  const waiting = await participants.waitingList(trx, event.id);
  if (waiting.length === 0) return [];
  const registered = await participants.registeredCount(trx, event.id);
  const n = placesToFill(event.capacity, registered, waiting.length);
  const promoted = waiting.slice(0, n);
  for (const id of promoted) await participants.setStatus(trx, id, "registered");
  return promoted;
}
