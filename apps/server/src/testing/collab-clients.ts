/**
 * Collab test clients: y-websocket's own WebsocketProvider (what the web app uses) over
 * the `ws` package with the session cookie and Origin a browser would send, and raw
 * sockets for protocol-level tests.
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { encodeUpdate } from "../collab/protocol.js";

export interface ClientOptions {
  cookie?: string;
  origin?: string | null;
}

/** A WebSocket class that sends our headers, for WebsocketProvider's `WebSocketPolyfill`. */
export function webSocketWithHeaders(opts: ClientOptions): typeof WebSocket {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.Cookie = opts.cookie;
  if (opts.origin) headers.Origin = opts.origin;
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

export interface ProviderClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** Close events seen by the provider, newest last. */
  closes: { code: number; reason: string }[];
  synced(): Promise<void>;
  /**
   * Tsumugi's save check on this connection: resolves with `stored` once the server has
   * handled every frame this client sent before (stored it, or dropped it on a read-only
   * connection), and sent this client everything those frames caused before the answer.
   */
  acknowledged(): Promise<boolean>;
  destroy(): void;
}

const MESSAGE_SAVE_CHECK = 7;
let nextSaveCheck = 1;

function encodeSaveCheck(seq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVE_CHECK);
  encoding.writeVarUint(encoder, seq);
  return encoding.toUint8Array(encoder);
}

/**
 * The save check on a raw socket (see ProviderClient.acknowledged). A wait for an answer
 * instead of a sleep: when it arrives, a dropped frame really was dropped, not late.
 */
export function acknowledged(ws: WebSocket): Promise<boolean> {
  const seq = nextSaveCheck++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      if (data[0] !== MESSAGE_SAVE_CHECK) return;
      const decoder = decoding.createDecoder(new Uint8Array(data));
      decoding.readVarUint(decoder);
      if (decoding.readVarUint(decoder) !== seq) return;
      ws.off("message", onMessage);
      ws.off("close", onClose);
      resolve(decoding.readVarUint(decoder) === 1);
    };
    const onClose = () => reject(new Error("socket closed before the save check was answered"));
    ws.on("message", onMessage);
    ws.on("close", onClose);
    ws.send(encodeSaveCheck(seq));
  });
}

export function connectProvider(
  wsUrl: string,
  docName: string,
  opts: ClientOptions & { doc?: Y.Doc; connect?: boolean } = {},
): ProviderClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: webSocketWithHeaders(opts) as never,
    connect: opts.connect ?? true,
    disableBc: true,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const answers = new Map<number, (stored: boolean) => void>();
  provider.messageHandlers[MESSAGE_SAVE_CHECK] = (_encoder, decoder) => {
    const seq = decoding.readVarUint(decoder);
    const stored = decoding.readVarUint(decoder) === 1;
    answers.get(seq)?.(stored);
    answers.delete(seq);
  };
  return {
    doc,
    provider,
    text: doc.getText("t"),
    closes,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve) => {
            const on = (isSynced: boolean) => {
              if (!isSynced) return;
              provider.off("sync", on);
              resolve();
            };
            provider.on("sync", on);
          }),
    acknowledged: () => {
      const ws = provider.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error("not connected"));
      const seq = nextSaveCheck++;
      const answer = new Promise<boolean>((resolve) => answers.set(seq, resolve));
      ws.send(encodeSaveCheck(seq));
      return answer;
    },
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Opens a raw socket; resolves with it when open, or with the HTTP status of a refusal. */
export function openRawSocket(
  wsUrl: string,
  docName: string,
  opts: ClientOptions & { maxPayload?: number; autoPong?: boolean } = {},
): Promise<{ ws: WebSocket; status: 101 } | { ws: null; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/${docName}`, {
      headers: {
        ...(opts.cookie ? { Cookie: opts.cookie } : {}),
        ...(opts.origin ? { Origin: opts.origin } : {}),
      },
      maxPayload: opts.maxPayload,
      autoPong: opts.autoPong ?? true,
    });
    ws.on("open", () => resolve({ ws, status: 101 }));
    ws.on("unexpected-response", (_req, res) => {
      resolve({ ws: null, status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on("error", (err) => {
      if (ws.readyState !== WebSocket.OPEN) reject(err);
    });
  });
}

/**
 * Sends an edit of the rich text on a fresh socket and the save check after it: true if
 * the server stored the edit, false if it dropped it (a read-only connection).
 */
export async function storedOverSocket(
  server: { wsUrl: string; origin: string },
  docName: string,
  cookie: string | null,
  text: string,
): Promise<boolean> {
  const r = await openRawSocket(server.wsUrl, docName, { cookie: cookie ?? "", origin: server.origin });
  if (!r.ws) throw new Error(`socket refused: ${r.status}`);
  const doc = new Y.Doc();
  doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText(text)]);
  r.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
  const stored = await acknowledged(r.ws);
  r.ws.close();
  doc.destroy();
  return stored;
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve({ code: -1, reason: "already closed" });
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

export interface CollabWorld {
  workspaceId: string;
  groupId: string;
  /** A member of the group (writes the group's document). */
  alice: { id: string; cookie: string; sessionId: string };
  /** Another member (writes workspace-wide documents, reads the group's). */
  bob: { id: string; cookie: string; sessionId: string };
  /** An observer (reads everything). */
  olive: { id: string; cookie: string; sessionId: string };
  /** A workspace-wide document and one of the group. */
  docName: string;
  groupDocName: string;
}

/** One workspace with a group, three users with sessions and two documents. */
export async function seedCollabWorld(server: import("../server.js").RunningServer): Promise<CollabWorld> {
  const { createDocument, createGroup, createSession, createUser, createWorkspace } = await import(
    "./fixtures.js"
  );
  const q = server.ctx.kysely;
  const workspaceId = await createWorkspace(q);
  const groupId = await createGroup(q, workspaceId, { name: "病診施連携班", kind: "team" });
  const a = await createUser(q, { name: "山田 花子", workspaceId, role: "member", groupIds: [groupId] });
  const b = await createUser(q, { name: "佐藤 健", workspaceId, role: "member" });
  const o = await createUser(q, { name: "千葉県 担当", workspaceId, role: "observer" });
  const session = async (id: string) => {
    const s = await createSession(server, id);
    return { id, cookie: s.cookie, sessionId: s.sessionId };
  };
  return {
    workspaceId,
    groupId,
    alice: await session(a.id),
    bob: await session(b.id),
    olive: await session(o.id),
    docName: (await createDocument(q, workspaceId, { title: "推進会議メモ" })).docName,
    groupDocName: (await createDocument(q, workspaceId, { title: "入退院支援ルール（案）", groupId }))
      .docName,
  };
}

/** The document as stored in SQLite (snapshot plus log), read without the collab server. */
export async function storedDocument(
  db: import("../storage/database.js").Database,
  docName: string,
): Promise<Y.Doc> {
  const { UpdateStore } = await import("../collab/update-store.js");
  const loaded = await new UpdateStore(db).load(docName);
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of loaded.parts) Y.applyUpdate(doc, part);
  });
  return doc;
}
