/**
 * The one place the editor reaches into the Yjs ↔ ProseMirror binding's private members, for
 * the composition guard (composition-guard.ts), which holds colleagues' changes back while
 * this person is converting kana.
 *
 * It relies on three members of `ProsemirrorBinding` in @tiptap/y-tiptap 3.0.9 (Tiptap's fork
 * of y-prosemirror; dist/y-tiptap.js, class ProsemirrorBinding), none of them public API:
 * - `_observeFunction`: the deep observer of the fragment that `initView` registers with
 *   `type.observeDeep(this._observeFunction)` and `destroy` removes by reading the field again,
 *   so a function put in its place is the one removed when the editor closes;
 * - `_prosemirrorChanged(doc)`: called by the sync plugin's view on every update to write the
 *   editor's document into the fragment (looked up on the binding at each call);
 * - `_forceRerender()`: rebuilds the editor's document from the fragment.
 * `type`, `doc` and `mapping` are plain fields the plugin's state exposes (`ySyncPluginKey`).
 * y-binding.test.ts checks the installed package still has all of them and uses them so; when
 * it fails after an update, re-read ProsemirrorBinding of the new version before changing this.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { EditorState } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";

/** The version whose ProsemirrorBinding this module was written against. */
export const Y_TIPTAP_VERSION = "3.0.9";

/** The private members used here, as y-binding.test.ts checks them. */
export const PRIVATE_MEMBERS = ["_observeFunction", "_prosemirrorChanged", "_forceRerender"] as const;

type Observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => void;

/** ProsemirrorBinding as this module uses it. */
interface PrivateBinding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Map<Y.AbstractType<unknown>, PMNode>;
  _observeFunction: Observer;
  _prosemirrorChanged(doc: PMNode): void;
  _forceRerender(): void;
}

/** The editor's binding to its Yjs fragment, without its private members. */
export interface SyncBinding {
  /** The bound fragment, its document and the binding's map of Yjs types to editor nodes. */
  readonly type: Y.XmlFragment;
  readonly doc: Y.Doc;
  readonly mapping: Map<Y.AbstractType<unknown>, PMNode>;
  /** Rebuilds the editor's document from the fragment (everyone's changes). */
  rerender(): void;
}

export interface SyncGate {
  /**
   * A change of the fragment is about to be shown in the editor: `false` keeps it from the
   * editor (the fragment has it; a later `rerender` shows it).
   */
  showYjsChange(tx: Y.Transaction): boolean;
  /** The editor's document is about to be written to the fragment: `false` skips the write. */
  writeEditorChange(): boolean;
}

/**
 * The binding of the editor whose state this is, with `gate` put between it and the fragment
 * both ways; null when the editor has no Yjs binding.
 */
export function gateSyncBinding(state: EditorState, gate: SyncGate): SyncBinding | null {
  const binding = ySyncPluginKey.getState(state)?.binding as PrivateBinding | undefined;
  if (!binding) return null;

  const observe = binding._observeFunction;
  const gated: Observer = (events, tx) => {
    if (gate.showYjsChange(tx)) observe(events, tx);
  };
  binding.type.unobserveDeep(observe);
  binding._observeFunction = gated;
  binding.type.observeDeep(gated);

  const write = binding._prosemirrorChanged.bind(binding);
  binding._prosemirrorChanged = (doc: PMNode) => {
    if (gate.writeEditorChange()) write(doc);
  };

  return {
    get type() {
      return binding.type;
    },
    get doc() {
      return binding.doc;
    },
    get mapping() {
      return binding.mapping;
    },
    rerender: () => binding._forceRerender(),
  };
}
