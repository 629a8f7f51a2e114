/**
 * How the composition guard puts this person's edit back among everyone's changes: the edit
 * made since the base (the document just before the first held change), kept in Yjs relative
 * positions of the base that survive what colleagues typed, and replayed on a transaction of
 * the document that holds everyone's changes.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { absolutePositionToRelativePosition } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** The document as it was just before the first held remote change. */
export interface Base {
  /** A copy of the Yjs document then (same item ids as the live one). */
  ydoc: Y.Doc;
  fragment: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, PMNode>;
  /** The editor's document then. */
  doc: PMNode;
}

/**
 * A Yjs relative position for `pos` of the base document. `assoc` 0 follows the character
 * after the position (text inserted before it stays before), -1 the one before.
 */
export function relativeAt(base: Base, pos: number, assoc: 0 | -1): Y.RelativePosition {
  const rel = absolutePositionToRelativePosition(pos, base.fragment, base.mapping) as Y.RelativePosition;
  if (assoc === -1) return rel;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, base.ydoc);
  return abs && abs.type instanceof Y.XmlText
    ? Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0)
    : rel;
}

/**
 * Relative positions of each character in [from, to) of the base document, when that range
 * is plain text inside one paragraph (what a composition replaces); null otherwise.
 */
function removedCharacters(base: Base, from: number, to: number): Y.RelativePosition[] | null {
  if (to - from > 1000) return null;
  const $from = base.doc.resolve(from);
  const $to = base.doc.resolve(to);
  if ($from.parent !== $to.parent || !$from.parent.isTextblock) return null;
  if (base.doc.textBetween(from, to).length !== to - from) return null;
  const out: Y.RelativePosition[] = [];
  for (let pos = from; pos < to; pos++) out.push(relativeAt(base, pos, 0));
  return out;
}

/** What this person changed since the base: base[start, endA) became now[start, endB). */
function localEdit(base: Base, now: PMNode) {
  const start = base.doc.content.findDiffStart(now.content);
  if (start === null) return null;
  let { a: endA, b: endB } = base.doc.content.findDiffEnd(now.content) ?? {
    a: base.doc.content.size,
    b: now.content.size,
  };
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  return { start, endA, endB, slice: now.slice(start, endB) };
}

/** This person's edit since the base, in Yjs relative positions that survive everyone's changes. */
export interface HeldEdit {
  edit: NonNullable<ReturnType<typeof localEdit>>;
  relStart: Y.RelativePosition;
  relEnd: Y.RelativePosition;
  removed: Y.RelativePosition[] | null;
}

export function heldEdit(base: Base, now: PMNode): HeldEdit | null {
  const edit = localEdit(base, now);
  if (!edit) return null;
  return {
    edit,
    relStart: relativeAt(base, edit.start, 0),
    relEnd: relativeAt(base, edit.endA, -1),
    removed: removedCharacters(base, edit.start, edit.endA),
  };
}

/**
 * Makes this person's edit on `tr`, whose document holds everyone's changes; `resolve` finds a
 * relative position in it. Returns where the edit begins.
 */
export function replay(
  tr: Transaction,
  held: HeldEdit,
  ydoc: Y.Doc,
  resolve: (rel: Y.RelativePosition) => number | null,
): number {
  const from = resolve(held.relStart);
  const to = resolve(held.relEnd);
  let at = from ?? to ?? tr.selection.from;
  if (held.removed) {
    // Remove exactly the characters this person removed (a colleague's text typed among
    // them stays), then insert the new text where the first of them was.
    const positions = held.removed
      .filter((rel) => !rel.item || !(Y.getItem(ydoc.store, rel.item) as Y.Item).deleted)
      .map(resolve)
      .filter((p): p is number => p !== null)
      .sort((a, b) => b - a);
    for (const p of positions) tr.delete(p, p + 1);
    at = tr.mapping.map(at, -1);
    tr.replace(at, at, held.edit.slice);
  } else {
    tr.replace(at, Math.max(at, to ?? at), held.edit.slice);
  }
  return at;
}
