/**
 * Meetings created or changed (details, invitees, 公開 → 開催中 → 終了, the minutes' 確認依頼 →
 * 確定) per workspace, announced on `GET …/meetings/events` so that open home pages and
 * meeting lists fetch their meetings again without a reload. A meeting's own page learns the
 * same through its document's `status` map; a list would need a socket per meeting for that.
 * Keyed by workspace id; the change is the meeting's id.
 */
import { ChangeFeed } from "../http/change-feed.js";

export class MeetingEvents extends ChangeFeed<string> {}
