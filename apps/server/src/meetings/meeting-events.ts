/**
 * Meetings created or changed (details, invitees, 公開 → 開催中 → 終了, the minutes' 確認依頼 →
 * 確定) per workspace, announced on `GET …/meetings/events` so that open home pages and
 * meeting lists fetch their meetings again without a reload. A meeting's own page learns the
 * same through its document's `status` map; a list would need a socket per meeting for that.
 */
import { EventEmitter } from "node:events";

export class MeetingEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  /** Set on several nodes: the other nodes' lists follow this node's changes. */
  relay: ((change: { workspaceId: string; meetingId: string }) => void) | null = null;
  emit(workspaceId: string, meetingId: string): void {
    this.deliver(workspaceId, meetingId);
    this.relay?.({ workspaceId, meetingId });
  }
  /** Announced on this node only (another node's change). */
  deliver(workspaceId: string, meetingId: string): void {
    this.emitter.emit(workspaceId, meetingId);
  }
  on(workspaceId: string, listener: (meetingId: string) => void): () => void {
    this.emitter.on(workspaceId, listener);
    return () => this.emitter.off(workspaceId, listener);
  }
}
