/**
 * Text edits for the plain-field binding (text-binding.ts): the smallest replacement between
 * two values (preferring the one that ends at the caret), and where an index moves when a
 * colleague's change (a Yjs delta) lands.
 */
import type * as Y from "yjs";

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The single replacement turning `prev` into `next`, never splitting a surrogate pair. */
export function diffText(prev: string, next: string): TextEdit | null {
  if (prev === next) return null;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLow(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  return { index: start, remove: endPrev - start, insert: next.slice(start, endNext) };
}

export function applyTextEdit(text: Y.Text, edit: TextEdit): void {
  const apply = () => {
    if (edit.remove > 0) text.delete(edit.index, edit.remove);
    if (edit.insert) text.insert(edit.index, edit.insert);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/**
 * Makes `text` read `next` with the smallest edit. Only for writes that are not typing: a
 * field's value must never be diffed against the live text, which may hold a colleague's
 * characters the field has not shown yet (they would be deleted).
 */
export function replaceText(text: Y.Text, next: string): void {
  const edit = diffText(text.toString(), next);
  if (edit) applyTextEdit(text, edit);
}

/**
 * The edit turning `prev` into `next` where the caret (after the edit) is at `caret`: typing
 * "a" after "a" inserts at the caret, not at the first "a". Falls back to the smallest
 * replacement when the caret does not explain the change.
 */
export function diffAtCaret(prev: string, next: string, caret: number): TextEdit | null {
  if (prev === next) return null;
  const grow = next.length - prev.length;
  const splits = (s: string, i: number) =>
    i > 0 && i < s.length && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1));
  if (grow > 0 && caret >= grow && caret <= next.length) {
    const index = caret - grow;
    if (
      !splits(next, index) &&
      !splits(next, caret) &&
      next.startsWith(prev.slice(0, index)) &&
      next.endsWith(prev.slice(index)) &&
      next.length - caret === prev.length - index
    ) {
      return { index, remove: 0, insert: next.slice(index, caret) };
    }
  }
  if (grow < 0 && caret <= next.length) {
    const removed = -grow;
    if (
      !splits(prev, caret) &&
      !splits(prev, caret + removed) &&
      prev.startsWith(next.slice(0, caret)) &&
      prev.endsWith(next.slice(caret)) &&
      prev.length - (caret + removed) === next.length - caret
    ) {
      return { index: caret, remove: removed, insert: "" };
    }
  }
  return diffText(prev, next);
}

export type Delta = readonly { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where index `index` moves when a change (a Yjs delta) lands. Text inserted exactly at the
 * index goes after it when `stick` is "before" (a caret keeps writing its own run of text
 * instead of jumping past a colleague's) and before it when `stick` is "after".
 */
export function mapIndex(index: number, delta: Delta, stick: "before" | "after" = "before"): number {
  let old = 0; // position in the text before the change
  let shift = 0;
  for (const op of delta) {
    if (old > index) break;
    if (op.retain !== undefined) old += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      if (old < index || (old === index && stick === "after")) shift += length;
    } else if (op.delete !== undefined) {
      if (old < index) shift -= Math.min(op.delete, index - old);
      old += op.delete;
    }
  }
  return Math.max(0, index + shift);
}

/** Where a caret at `caret` moves when a remote change (a Yjs delta) lands. */
export function shiftCaret(caret: number, delta: Delta): number {
  return mapIndex(caret, delta, "after");
}
