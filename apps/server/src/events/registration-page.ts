/**
 * The registrant's own page (through the token of their confirmation page, no account): their
 * registration as they see it, and their cancelling it while that is still possible.
 */
import type { RegistrationView } from "@tsumugi/contract";
import type { AppContext } from "../context.js";
import { ApiError } from "../http/errors.js";
import { presentPublicEvent, publicMunicipality, registrationStateOf } from "./event-presenter.js";
import { findEventByPublicId } from "./event-repository.js";
import type { EventView } from "./event-rows.js";
import { cancelRegistration, findRegistration, openRegistration } from "./registration-commands.js";

const notCancellable = () =>
  new ApiError(
    409,
    "registration.notCancellable",
    "開催後や受付後の申込は取り消せません。問い合わせ先へご連絡ください。",
  );

/** The registration of `token` with the event as it is now (404 for a token of another event). */
export async function registrationPage(
  app: AppContext,
  event: EventView,
  token: string,
): Promise<RegistrationView> {
  const opened = await openRegistration(app, await findRegistration(app, event, token));
  const { record, personal } = opened;
  const fresh = (await findEventByPublicId(app.kysely, event.host.lgCode, event.publicId)) ?? event;
  const state = registrationStateOf(fresh);
  return {
    municipality: publicMunicipality(fresh.host),
    event: presentPublicEvent(fresh),
    registration: {
      status: record.status,
      name: personal?.name ?? "",
      organisation: record.organisation,
      profession: record.profession,
      contact: personal?.contact ?? "",
      checkInCode: record.status === "registered" ? record.checkInCode : null,
      checkInUrl:
        record.status === "registered" && record.checkInCode
          ? `${app.config.publicUrl}/w/${fresh.workspaceId}/events/${fresh.id}?etab=checkIn&code=${record.checkInCode}`
          : null,
      waitingPosition: opened.waitingPosition,
      checkedIn: record.checkedInAt !== null,
      registeredAt: record.createdAt,
      cancelledAt: record.cancelledAt,
      cancellable:
        record.status !== "cancelled" &&
        record.checkedInAt === null &&
        state !== "started" &&
        state !== "cancelled",
    },
  };
}

/**
 * The registrant cancels (the first on the waiting list moves up); once checked in, or when the
 * event has started or was cancelled, 409. Cancelling again changes nothing.
 */
export async function cancelOwnRegistration(
  app: AppContext,
  event: EventView,
  token: string,
  ip: string,
): Promise<void> {
  const record = await findRegistration(app, event, token);
  const before = await registrationPage(app, event, token);
  if (!before.registration.cancellable && record.status !== "cancelled") throw notCancellable();
  await cancelRegistration(app, event, record, { caller: null, ip });
}
