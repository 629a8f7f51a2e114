/**
 * Keeps a Japanese IME composition in the rich-text editor alive while colleagues type in the
 * same paragraph.
 *
 * The problem: y-prosemirror applies every remote change at once. When the change lands in
 * the text node the IME is composing in (a colleague types right before the kana, e.g. at
 * 連携|しーと), ProseMirror can no longer find the composed text and rewrites the node's
 * value; Chromium then loses its composition range, the kana stay in the text as typed and
 * the conversion is inserted again next to them (「連携Zしーシート」).
 *
 * The fix: while this person is composing, remote changes to the document are held back (the
 * Yjs document has them; the editor does not show them yet) and the editor's own changes are
 * not written to Yjs (they would delete what is held back). When the composition ends, the
 * editor takes the Yjs document (everyone's changes) and re-applies this person's edit since
 * the hold began at the same place, found through Yjs relative positions taken just before
 * the first held change, so text a colleague typed at either edge stays outside it. Until a
 * remote change arrives, the kana reach colleagues as they are typed, as before. An editor
 * closed during the hold (the page switched away while this person was converting) writes
 * their edit into Yjs the same way as it goes, so nothing they typed is lost.
 */
import { Extension } from "@tiptap/core";
import { EditorState, Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import {
  initProseMirrorDoc,
  relativePositionToAbsolutePosition,
  updateYFragment,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { type Base, heldEdit, relativeAt, replay } from "./composition-replay";
import { gateSyncBinding, type SyncBinding, type SyncGate } from "./y-binding";

export const compositionGuardKey = new PluginKey("compositionGuard");

/**
 * Set on the editor's element while colleagues' changes are held back (this person is
 * converting): what they typed is in the document and appears when the conversion ends.
 */
export const HELD_ATTRIBUTE = "data-remote-held";

/** The guard of one editor view; null when the editor has no Yjs binding. */
function guard(view: EditorView) {
  let candidate: Base | null = null;
  let held: Base | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** The editor is being destroyed: nothing is shown in it any more. */
  let closing = false;

  const gate: SyncGate = {
    showYjsChange(tx) {
      if (closing) return false;
      if (!held && candidate && view.composing && tx.origin !== ySyncPluginKey) {
        held = candidate;
        candidate = null;
        view.dom.setAttribute(HELD_ATTRIBUTE, "");
      }
      if (held) {
        if (!view.composing) scheduleFlush();
        return false;
      }
      return true;
    },
    writeEditorChange: () => !held,
  };
  const gated = gateSyncBinding(view.state, gate);
  if (!gated) return null;
  const binding: SyncBinding = gated;
  const ydoc = binding.doc;

  const snapshot = (): Base => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
    const fragment = copy.getXmlFragment(fragmentName(binding));
    const { mapping } = initProseMirrorDoc(fragment, view.state.schema);
    return { ydoc: copy, fragment, mapping, doc: view.state.doc };
  };

  // Before a colleague's change is applied to Yjs while composing, remember the document.
  const beforeTransaction = (tx: Y.Transaction) => {
    if (tx.local || held || candidate || !view.composing) return;
    candidate = snapshot();
  };
  const afterTransaction = () => {
    if (!held) {
      candidate?.ydoc.destroy();
      candidate = null;
    }
  };

  ydoc.on("beforeTransaction", beforeTransaction);
  ydoc.on("afterTransaction", afterTransaction);

  function scheduleFlush() {
    if (flushTimer !== null) return;
    // After the composition's last DOM change has been read (ProseMirror flushes it in a
    // microtask after compositionend) and ProseMirror has left its composing state.
    flushTimer = setTimeout(flush, 0);
  }

  function flush() {
    flushTimer = null;
    const base = held;
    if (!base || view.isDestroyed) return;
    if (view.composing) return; // a new composition began: wait for its end
    held = null;
    const now = view.state.doc;
    const sel = view.state.selection;
    const mine = heldEdit(base, now);
    const edit = mine?.edit ?? null;

    // Where the selection is, as positions of the base document that survive the rebuild
    // (sticking to the character before, e.g. the end of what this person typed), or as an
    // offset into this person's edit.
    const toBase = (pos: number): number | null => {
      if (!edit || pos < edit.start) return pos;
      if (pos > edit.endB) return pos - edit.endB + edit.endA;
      return null;
    };
    const ends = [sel.anchor, sel.head].map((pos) => {
      const b = toBase(pos);
      return b === null ? { offset: pos - (edit?.start ?? 0) } : { rel: relativeAt(base, b, -1) };
    });
    base.ydoc.destroy();

    // Everyone's changes, then this person's edit where it belongs among them.
    binding.rerender();
    const resolve = (rel: Y.RelativePosition) =>
      relativePositionToAbsolutePosition(ydoc, binding.type, rel, binding.mapping);
    const tr = view.state.tr;
    const at = mine ? replay(tr, mine, ydoc, resolve) : 0;
    const [anchor, head] = ends.map((e) => {
      const pos = "rel" in e ? tr.mapping.map(resolve(e.rel as Y.RelativePosition) ?? 0, -1) : at + e.offset;
      return tr.doc.resolve(Math.max(0, Math.min(pos, tr.doc.content.size)));
    });
    tr.setSelection(TextSelection.between(anchor, head));
    view.dispatch(tr);
    view.dom.removeAttribute(HELD_ATTRIBUTE);
  }

  /**
   * The editor closes while holding colleagues' changes back (the page switched away from it,
   * e.g. the meeting's state changed, while this person was converting): write their edit
   * into Yjs among everyone's changes, as the flush would have, since the editor that could
   * show it again is going.
   */
  function keepHeldEdit() {
    const base = held;
    if (!base) return;
    held = null;
    const mine = heldEdit(base, view.state.doc);
    base.ydoc.destroy();
    if (!mine) return;
    const { doc, meta } = initProseMirrorDoc(binding.type, view.state.schema);
    const tr = EditorState.create({ doc }).tr;
    replay(tr, mine, ydoc, (rel) =>
      relativePositionToAbsolutePosition(ydoc, binding.type, rel, meta.mapping),
    );
    if (tr.docChanged) ydoc.transact(() => updateYFragment(ydoc, binding.type, tr.doc, meta), ySyncPluginKey);
  }

  return {
    update() {
      if (held && !view.composing) scheduleFlush();
    },
    destroy() {
      if (flushTimer !== null) clearTimeout(flushTimer);
      closing = true;
      keepHeldEdit();
      ydoc.off("beforeTransaction", beforeTransaction);
      ydoc.off("afterTransaction", afterTransaction);
      candidate?.ydoc.destroy();
    },
    compositionEnded() {
      if (held) scheduleFlush();
    },
  };
}

/** The name under which the bound fragment is stored at the top of the Yjs document. */
function fragmentName(binding: SyncBinding): string {
  for (const [name, type] of binding.doc.share) if ((type as unknown) === binding.type) return name;
  throw new Error("the editor's fragment is not a top-level type");
}

export const CompositionGuard = Extension.create({
  name: "compositionGuard",
  addProseMirrorPlugins() {
    let ended: (() => void) | null = null;
    return [
      new Plugin({
        key: compositionGuardKey,
        view(view) {
          const g = guard(view);
          if (!g) return {};
          ended = g.compositionEnded;
          return { update: g.update, destroy: g.destroy };
        },
        props: {
          handleDOMEvents: {
            compositionend: () => {
              ended?.();
              return false;
            },
          },
        },
      }),
    ];
  },
});
