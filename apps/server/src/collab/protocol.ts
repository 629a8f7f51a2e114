/**
 * The y-websocket wire protocol, decoded strictly so a malformed frame can be refused
 * before it touches a document. Message = varUint type, then a type-specific body:
 *   0 sync:      varUint subtype (0 step 1 | 1 step 2 | 2 update), varUint8Array payload
 *   1 awareness: varUint8Array awareness update
 *   3 query awareness: no body
 */
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVE_CHECK,
  MESSAGE_SYNC,
} from "@tsumugi/domain";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

// Message types, shared with the web app; 7 is Tsumugi's save acknowledgement (see wire.ts).
export { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SAVE_CHECK, MESSAGE_SYNC };

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "sync-step-2"; update: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" }
  | { type: "save-check"; seq: number };

export class ProtocolError extends Error {}

/** Decodes one client frame; throws ProtocolError for anything that is not a well-formed message. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    if (type === MESSAGE_SYNC) {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === SYNC_STEP_1) message = { type: "sync-step-1", stateVector: payload };
      else if (subtype === SYNC_STEP_2) message = { type: "sync-step-2", update: payload };
      else if (subtype === SYNC_UPDATE) message = { type: "update", update: payload };
      else throw new ProtocolError(`unknown sync message ${subtype}`);
    } else if (type === MESSAGE_AWARENESS) {
      message = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { type: "query-awareness" };
    } else if (type === MESSAGE_SAVE_CHECK) {
      message = { type: "save-check", seq: decoding.readVarUint(decoder) };
    } else {
      throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after message");
    return message;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`malformed frame: ${(err as Error).message}`);
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP_1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP_2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_UPDATE, update);
}

function encodeSync(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeSaveCheckAnswer(seq: number, stored: boolean): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVE_CHECK);
  encoding.writeVarUint(encoder, seq);
  encoding.writeVarUint(encoder, stored ? 1 : 0);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message with no entries. Clients treat any message as a sign of life, so
 * this keeps a client that is alone in a document from hitting its 30-second idle timeout.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = encodeAwareness(new Uint8Array([0]));

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON state, or null when the client announces it left. */
  state: Record<string, unknown> | null;
}

/** Decodes an awareness update (varUint count, then clientId, clock, JSON state per entry). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const parsed: unknown = JSON.parse(decoding.readVarString(decoder));
      if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
        throw new ProtocolError("awareness state must be an object or null");
      }
      entries.push({ clientId, clock, state: parsed as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after awareness update");
    return entries;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`malformed awareness update: ${(err as Error).message}`);
  }
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}
