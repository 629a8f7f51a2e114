/**
 * Keeps open connections within what their people may do now: sockets of ended sessions are
 * closed (announced, at their absolute lifetime, or found by a periodic re-validation), and
 * when someone's role, groups or a document's state change, the sockets it touches are
 * decided again — closed with 4403 if their access differs, so the client reconnects and
 * learns its new access.
 */
import { documentAccess, reservedParts } from "@tsumugi/domain";
import type { AccessChange } from "../auth/access-events.js";
import type { AppContext } from "../context.js";
import { findDocumentByName } from "../documents/document-repository.js";
import { loadActor } from "../workspaces/actor.js";
import type { SocketPeer } from "./connection.js";
import { CLOSE } from "./peer.js";

/** Sockets whose session reached its absolute lifetime are closed this often. */
const LIFETIME_SWEEP_MS = 3_000;

type AccessRecheck = Exclude<AccessChange, { type: "sessions-ended" }>;

export interface AccessWatcher {
  /**
   * Counts access changes. An upgrade compares it before and after its wait: a change in
   * between reached only the open sockets, so the upgrade decides again.
   */
  readonly epoch: number;
  stop(): void;
}

export function watchAccess(
  ctx: Pick<AppContext, "events" | "sessions" | "kysely" | "log">,
  peers: ReadonlySet<SocketPeer>,
  sessionRecheckMs: number,
): AccessWatcher {
  const { log } = ctx;
  let epoch = 0;
  /** Peers whose frames are held while re-checks run, with how many re-checks hold each. */
  const holds = new Map<SocketPeer, number>();

  const touchedBy = (change: AccessRecheck, peer: SocketPeer): boolean => {
    if (change.type === "document-access-changed") return peer.docName === change.docName;
    if (peer.user.id !== change.userId) return false;
    return change.workspaceId === null || peer.workspaceId === change.workspaceId;
  };

  async function decideAgain(peer: SocketPeer): Promise<void> {
    try {
      const [actor, doc] = await Promise.all([
        loadActor(ctx.kysely, peer.user.id, peer.workspaceId),
        findDocumentByName(ctx.kysely, peer.docName),
      ]);
      const access = doc ? documentAccess(actor, doc) : "none";
      // A writer who became or stopped being the secretariat writes other parts of a plan.
      const reserved = doc && access === "write" ? reservedParts(actor, doc) : null;
      if (access !== peer.access || reserved !== peer.reserved)
        peer.close(CLOSE.accessChanged, "access changed");
    } catch (err) {
      log.error("collab: access re-check failed, closing the socket", { doc: peer.docName, err });
      peer.close(CLOSE.accessChanged, "access changed");
    }
  }

  /**
   * Decides the access of every socket a change touches again. Their frames are held from
   * the moment the change is announced until their new decision, so no write lands on an
   * outdated one. Frames held for a socket then closed are dropped; the client sends them
   * again on its fresh connection.
   */
  function recheck(change: AccessRecheck): void {
    for (const peer of peers) {
      if (!touchedBy(change, peer)) continue;
      holds.set(peer, (holds.get(peer) ?? 0) + 1);
      peer.hold();
      void decideAgain(peer).finally(() => {
        const left = (holds.get(peer) ?? 1) - 1;
        if (left > 0) return void holds.set(peer, left);
        holds.delete(peer);
        peer.release();
      });
    }
  }

  const unsubscribe = ctx.events.on((change) => {
    epoch++;
    if (change.type === "sessions-ended") {
      const ended = new Set(change.sessionIds);
      for (const peer of peers)
        if (ended.has(peer.sessionId)) peer.close(CLOSE.sessionEnded, "session ended");
    } else {
      recheck(change);
    }
  });

  // An open socket counts as use, so its session cannot idle out; it can only reach its
  // absolute lifetime, which is known, so that is acted on at once.
  const lifetime = setInterval(() => {
    const now = Date.now();
    for (const p of peers) if (now >= p.sessionEndsAt) p.close(CLOSE.sessionEnded, "session expired");
  }, LIFETIME_SWEEP_MS);
  lifetime.unref();

  // Sessions can also end in ways no event announces (another process, the database edited
  // by hand, a clock jump): re-validate them now and then.
  const revalidate = setInterval(async () => {
    const bySession = new Map<string, SocketPeer[]>();
    for (const p of peers) {
      const list = bySession.get(p.sessionId);
      if (list) list.push(p);
      else bySession.set(p.sessionId, [p]);
    }
    for (const [sessionId, list] of bySession) {
      const valid = await ctx.sessions.stillValid(sessionId).catch(() => false);
      if (!valid) for (const p of list) p.close(CLOSE.sessionEnded, "session ended");
    }
  }, sessionRecheckMs);
  revalidate.unref();

  return {
    get epoch() {
      return epoch;
    },
    stop() {
      unsubscribe();
      clearInterval(lifetime);
      clearInterval(revalidate);
    },
  };
}
