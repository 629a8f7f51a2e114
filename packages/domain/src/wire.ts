/**
 * What the server and the web app agree on outside the REST contract (@tsumugi/contract):
 * the collab socket's path, message types and close codes, the session header, and the
 * shape of server-made ids. Written once here; both sides import it.
 */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** The y-websocket endpoint: `/collab/<docName>` (y-websocket's provider adds the name). */
export const COLLAB_PATH = "/collab";
export const COLLAB_PATH_PREFIX = `${COLLAB_PATH}/`;

/**
 * y-websocket message types. 0–3 are y-websocket's own; 7 is Tsumugi's save acknowledgement,
 * sent only on request so plain y-websocket clients never see it: the client sends [7, seq];
 * once every update it sent before is committed the server answers [7, seq, stored]
 * (stored = 0 when the connection is read-only and its updates were dropped).
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SAVE_CHECK = 7;

/**
 * WebSocket close codes the web app acts on (see docs/api.md). y-websocket's client treats
 * 4400–4499 as final (the app decides whether to reconnect) and the rest as "try again".
 */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  tooBig: 1009,
  internalError: 1011,
  malformed: 4400,
  sessionEnded: 4401,
  accessChanged: 4403,
  /** The update would take the document past its size limit; it was not stored. */
  documentTooLarge: 4413,
  /**
   * The person wrote more than their per-minute budget (bytes or updates); the update was not
   * stored. The reason ends in `retry=<seconds>`: the app reconnects after that.
   */
  writeRateExceeded: 4429,
  /**
   * The update changed a part of the document this person may not change although they write
   * the document (the plan papers' secretariat-only fields); it was not stored. Final: sending
   * it again would be refused again.
   */
  reservedPart: 4423,
  /** In y-websocket's 45xx "try again later" range, so the client reconnects. */
  slowConsumer: 4508,
} as const;

/** Seconds to wait before reconnecting, from a 4429 close reason (`… retry=12`). */
export function retryAfterSeconds(reason: string): number | null {
  const m = /\bretry=(\d+)\b/.exec(reason);
  return m ? Number(m[1]) : null;
}

/** On every answer to a logged-in request: milliseconds until the session ends unless used. */
export const SESSION_EXPIRES_IN_HEADER = "Tsumugi-Session-Expires-In";

/** A random identifier from the CSPRNG: 15 bytes = 120 bits, 24 base32 characters. */
export function newId(bytes = 15): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}
