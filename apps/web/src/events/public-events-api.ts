/** The public events API (server: apps/server/src/events/public-event-routes.ts), no account. */
import type {
  PublicEventDetail,
  PublicEventList,
  PublicRegistration,
  RegistrationDone,
  RegistrationView,
} from "@tsumugi/contract";
import { get, post } from "../api/client";

export function publicEventsApi(lg: string) {
  const base = `/api/public/events/${encodeURIComponent(lg)}`;
  const one = (pid: string) => `${base}/${encodeURIComponent(pid)}`;
  return {
    list: () => get<PublicEventList>(base),
    get: (pid: string) => get<PublicEventDetail>(one(pid)),
    register: (pid: string, body: PublicRegistration) =>
      post<RegistrationDone>(`${one(pid)}/registrations`, body),
    registration: (pid: string, token: string) =>
      get<RegistrationView>(`${one(pid)}/registrations/${encodeURIComponent(token)}`),
    cancel: (pid: string, token: string) =>
      post<RegistrationView>(`${one(pid)}/registrations/${encodeURIComponent(token)}/cancel`),
  };
}
