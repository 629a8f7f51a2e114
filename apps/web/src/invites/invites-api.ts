/** The invitations API (server: apps/server/src/invites), typed from @tsumugi/contract. */
import type {
  AcceptInvite,
  CreatedInvite,
  CreateInvite,
  InviteList,
  InviteOffer,
  SecondStep,
  SessionInfo,
} from "@tsumugi/contract";
import { del, get, post } from "../api/client";

export function invitesApi(wid: string) {
  const base = `/api/workspaces/${wid}/invites`;
  return {
    list: () => get<InviteList>(base),
    create: (body: CreateInvite) => post<CreatedInvite>(base, body),
    revoke: (iid: string) => del<void>(`${base}/${iid}`),
  };
}

/** The person invited, before they have a session: the link's token is the credential. */
export function inviteLinkApi(token: string) {
  const base = `/api/invites/${encodeURIComponent(token)}`;
  return {
    offer: () => get<InviteOffer>(base),
    /** Joins and logs in, or (two-step verification) answers which step comes next. */
    accept: (body: AcceptInvite) => post<SessionInfo | SecondStep>(`${base}/accept`, body),
  };
}
