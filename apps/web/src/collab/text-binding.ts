/**
 * Binds a plain <input> or <textarea> to a Y.Text so that two people can type in the same
 * cell at the same time without losing a character.
 *
 * - The field is uncontrolled: its value is written here, synchronously, whenever the text
 *   changes, so what the field shows and the text never drift apart between a colleague's
 *   change and the next key.
 * - A local edit is the difference between the value the field last showed and its new value
 *   (at the caret), applied to the text at that place. It is never a diff against the live
 *   text, which may already hold a colleague's characters.
 * - A colleague's change updates the value and moves the caret and selection through the
 *   change (text inserted at the caret goes after it, so each person keeps writing their own
 *   run of text).
 * - IME composition: the text is not touched while composing, and the field's value is not
 *   written either (that would end the composition in Chromium). Colleagues' changes that
 *   arrive meanwhile are kept in the text and their deltas remembered; at compositionend the
 *   committed string is placed where the composition began, mapped through those deltas, and
 *   the field shows the merged text.
 */
import type * as Y from "yjs";
import { type Delta, diffAtCaret, mapIndex, type TextEdit } from "./text-diff";

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Browsers sanitise what a field can show: an <input> drops line breaks, a <textarea> turns
 * CR LF and CR into LF. For each index of `shown`, the index of `text` it stands for (and one
 * more for the end), or null when both are the same string.
 */
export function displayIndexMap(text: string, shown: string): number[] | null {
  if (text === shown) return null;
  const map: number[] = [];
  let i = 0;
  for (let j = 0; j < shown.length; j++) {
    while (i < text.length && text[i] !== shown[j] && !(text[i] === "\r" && shown[j] === "\n")) i++;
    // A lone CR shown as LF stands for the CR; a CR LF shown as LF for the LF.
    if (text[i] === "\r" && shown[j] === "\n" && text[i + 1] === "\n") i++;
    map.push(Math.min(i, text.length));
    i++;
  }
  map.push(text.length);
  return map;
}

const toText = (map: number[] | null, index: number) => (map ? map[Math.min(index, map.length - 1)] : index);

function toShown(map: number[] | null, index: number): number {
  if (!map) return index;
  const at = map.findIndex((m) => m >= index);
  return at < 0 ? map.length - 1 : at;
}

interface Composition {
  /** The value shown when the composition began (the text at that moment). */
  base: string;
  baseMap: number[] | null;
  /** Colleagues' changes that arrived while composing, in order. */
  deltas: Delta[];
}

export interface TextBindingOptions {
  /** Called with the text whenever the field's value was set or edited. */
  onText?(text: string): void;
  /** Whether edits are allowed now (a read-only field never writes). */
  writable?(): boolean;
}

export class TextFieldBinding {
  private shown = "";
  private map: number[] | null = null;
  private composition: Composition | null = null;

  constructor(
    private readonly field: Field,
    private readonly text: Y.Text,
    private readonly options: TextBindingOptions = {},
  ) {
    this.show(null);
    text.observe(this.onTextChange);
    field.addEventListener("input", this.onInput);
    field.addEventListener("compositionstart", this.onCompositionStart);
    field.addEventListener("compositionend", this.onCompositionEnd);
  }

  destroy(): void {
    this.text.unobserve(this.onTextChange);
    this.field.removeEventListener("input", this.onInput);
    this.field.removeEventListener("compositionstart", this.onCompositionStart);
    this.field.removeEventListener("compositionend", this.onCompositionEnd);
  }

  get composing(): boolean {
    return this.composition !== null;
  }

  private writable(): boolean {
    return !this.field.readOnly && (this.options.writable?.() ?? true);
  }

  /**
   * Shows the text in the field. With `caret` (text indices), puts the selection there when
   * the field has focus; otherwise leaves the field's own selection alone.
   */
  private show(caret: { start: number; end: number; direction: Field["selectionDirection"] } | null) {
    const field = this.field;
    const value = this.text.toString();
    const { scrollTop, scrollLeft } = field;
    if (field.value !== value) field.value = value;
    this.shown = field.value;
    this.map = displayIndexMap(value, this.shown);
    if (caret && field.ownerDocument.activeElement === field) {
      field.setSelectionRange(
        toShown(this.map, caret.start),
        toShown(this.map, caret.end),
        caret.direction ?? "none",
      );
    }
    field.scrollTop = scrollTop;
    field.scrollLeft = scrollLeft;
    this.options.onText?.(value);
  }

  /** The field's selection in text indices. */
  private selection() {
    const f = this.field;
    return {
      start: toText(this.map, f.selectionStart ?? 0),
      end: toText(this.map, f.selectionEnd ?? 0),
      direction: f.selectionDirection,
    };
  }

  private apply(edit: TextEdit): void {
    const doc = this.text.doc;
    const run = () => {
      if (edit.remove > 0) this.text.delete(edit.index, edit.remove);
      if (edit.insert) this.text.insert(edit.index, edit.insert);
    };
    if (doc) doc.transact(run, this);
    else run();
  }

  private onTextChange = (event: Y.YTextEvent, tx: Y.Transaction) => {
    if (tx.origin === this) return;
    // The delta is only valid while the transaction is being observed: copy it now.
    const delta = event.delta as Delta;
    if (this.composition) {
      this.composition.deltas.push(delta);
      return;
    }
    const sel = this.selection();
    const collapsed = sel.start === sel.end;
    this.show({
      start: mapIndex(sel.start, delta, collapsed ? "before" : "after"),
      end: mapIndex(sel.end, delta, "before"),
      direction: sel.direction,
    });
  };

  private onInput = (e: Event) => {
    if (this.composition || (e as InputEvent).isComposing) return;
    const field = this.field;
    const next = field.value;
    if (!this.writable()) {
      this.show(this.selection());
      return;
    }
    const edit = diffAtCaret(this.shown, next, field.selectionEnd ?? next.length);
    if (!edit) return;
    const from = toText(this.map, edit.index);
    const to = toText(this.map, edit.index + edit.remove);
    this.apply({ index: from, remove: to - from, insert: edit.insert });
    this.shown = next;
    this.map = displayIndexMap(this.text.toString(), next);
    this.options.onText?.(this.text.toString());
  };

  private onCompositionStart = () => {
    this.composition = { base: this.shown, baseMap: this.map, deltas: [] };
  };

  private onCompositionEnd = () => {
    const c = this.composition;
    this.composition = null;
    if (!c) return;
    const field = this.field;
    const final = field.value;
    const edit = this.writable() ? diffAtCaret(c.base, final, field.selectionEnd ?? final.length) : null;
    if (!edit) {
      // Nothing committed (or not allowed): show the text, the caret mapped like the others'.
      let caret = toText(c.baseMap, Math.min(field.selectionEnd ?? 0, c.base.length));
      for (const d of c.deltas) caret = mapIndex(caret, d, "before");
      this.show({ start: caret, end: caret, direction: "none" });
      return;
    }
    // Where the composition's text was when it began, moved through what colleagues changed
    // meanwhile: text they inserted at either edge stays outside.
    let from = toText(c.baseMap, edit.index);
    let to = toText(c.baseMap, edit.index + edit.remove);
    for (const d of c.deltas) {
      from = mapIndex(from, d, "after");
      to = mapIndex(to, d, "before");
    }
    to = Math.max(from, to);
    this.apply({ index: from, remove: to - from, insert: edit.insert });
    const caret = from + edit.insert.length;
    this.show({ start: caret, end: caret, direction: "none" });
  };
}
