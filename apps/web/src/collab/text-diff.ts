/**
 * Writing a plain input's value into collaborative text as the smallest edit, so a keystroke
 * in a table cell touches only the characters it changed and a colleague's concurrent typing
 * elsewhere in the same cell survives.
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

/** Makes `text` read `next` with the smallest edit. */
export function replaceText(text: Y.Text, next: string): void {
  const edit = diffText(text.toString(), next);
  if (edit) applyTextEdit(text, edit);
}

/** Where a caret at `caret` moves when a remote change (a Yjs delta) lands. */
export function shiftCaret(
  caret: number,
  delta: readonly { retain?: number; insert?: unknown; delete?: number }[],
): number {
  let pos = 0;
  let result = caret;
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain;
    else if (typeof op.insert === "string") {
      if (pos <= caret) result += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete !== undefined) {
      if (pos < caret) result -= Math.min(op.delete, caret - pos);
    }
  }
  return Math.max(0, result);
}
