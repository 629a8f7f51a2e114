/** Who is in the document, from awareness: one entry per user, however many tabs they have. */
import type { Awareness } from "y-protocols/awareness";

export interface PresentUser {
  userId: string;
  name: string;
  color: string;
  readOnly: boolean;
  isSelf: boolean;
}

export function presentUsers(awareness: Awareness, selfUserId: string): PresentUser[] {
  const byUser = new Map<string, PresentUser>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: Partial<PresentUser> }).user;
    const isSelf = clientId === awareness.clientID;
    const userId = isSelf ? selfUserId : user?.userId;
    if (!userId || !user?.name) continue;
    if (!byUser.has(userId) || isSelf) {
      byUser.set(userId, {
        userId,
        name: user.name,
        color: user.color ?? "#888888",
        readOnly: Boolean(user.readOnly),
        isSelf: userId === selfUserId,
      });
    }
  }
  return [...byUser.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, "ja"),
  );
}
