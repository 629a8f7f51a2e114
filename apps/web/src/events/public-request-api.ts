/** The public 出前講座 request form's API (server: apps/server/src/events/request-routes.ts), no account. */
import type { PublicRequest, PublicRequestPage, RequestReceived } from "@tsumugi/contract";
import { get, post } from "../api/client";

export function publicRequestApi(lg: string) {
  const base = `/api/public/event-requests/${encodeURIComponent(lg)}`;
  return {
    form: () => get<PublicRequestPage>(base),
    send: (body: PublicRequest) => post<RequestReceived>(base, body),
  };
}
