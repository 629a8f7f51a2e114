/**
 * Japanese input: while an IME composition is in progress, a remote change to the same
 * paragraph would make the editor re-render that paragraph and break the composition
 * (kana duplicated or committed early). So while composing, incoming sync messages are held
 * back and applied right after the composition ends; the document then merges both edits.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebsocketProvider } from "y-websocket";

const MESSAGE_SYNC = 0;

export class CompositionGuard {
  private held: { rest: Uint8Array; emitSynced: boolean }[] = [];
  private readonly original: WebsocketProvider["messageHandlers"][number];

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly isComposing: () => boolean,
  ) {
    this.original = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
      if (!this.isComposing()) {
        this.original(encoder, decoder, p, emitSynced, type);
        return;
      }
      this.held.push({ rest: decoder.arr.slice(decoder.pos), emitSynced });
      decoder.pos = decoder.arr.length;
    };
  }

  /** Applies what was held back; call when the composition has ended. */
  release(): void {
    if (this.isComposing()) return;
    const held = this.held;
    this.held = [];
    for (const { rest, emitSynced } of held) {
      const encoder = encoding.createEncoder();
      this.original(encoder, decoding.createDecoder(rest), this.provider, emitSynced, MESSAGE_SYNC);
      // A held sync step 1 needs its answer, as y-websocket would have sent it.
      if (encoding.length(encoder) > 1 && this.provider.ws?.readyState === WebSocket.OPEN) {
        this.provider.ws.send(encoding.toUint8Array(encoder));
      }
    }
  }

  get heldCount(): number {
    return this.held.length;
  }

  destroy(): void {
    this.provider.messageHandlers[MESSAGE_SYNC] = this.original;
  }
}
