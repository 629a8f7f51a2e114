/**
 * A version's rich text as blocks of plain text (one per paragraph, heading or list item),
 * for viewing a version and comparing two side by side.
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { diffArrays } from "diff";
import * as Y from "yjs";

export interface Block {
  kind: string;
  text: string;
}

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]+>/g, "");
  return node
    .toArray()
    .map((n) => (n instanceof Y.XmlElement || n instanceof Y.XmlText ? textOf(n) : ""))
    .join("");
}

function collect(parent: Y.XmlFragment | Y.XmlElement, out: Block[]): void {
  for (const node of parent.toArray()) {
    if (node instanceof Y.XmlText) out.push({ kind: "paragraph", text: textOf(node) });
    else if (node instanceof Y.XmlElement) {
      if (node.nodeName === "bulletList" || node.nodeName === "orderedList" || node.nodeName === "blockquote")
        collect(node, out);
      else if (node.nodeName === "listItem") out.push({ kind: "listItem", text: textOf(node) });
      else out.push({ kind: node.nodeName, text: textOf(node) });
    }
  }
}

export function blocksOfState(state: Uint8Array): Block[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const out: Block[] = [];
  collect(doc.getXmlFragment(RICH_TEXT_FIELD), out);
  doc.destroy();
  return out;
}

export function blocksOfDoc(doc: Y.Doc): Block[] {
  const out: Block[] = [];
  collect(doc.getXmlFragment(RICH_TEXT_FIELD), out);
  return out;
}

export interface CompareRow {
  left: Block | null;
  right: Block | null;
  change: "same" | "removed" | "added" | "changed";
}

/** Side-by-side rows: unchanged blocks align; a removal next to an addition is a change. */
export function compareBlocks(left: readonly Block[], right: readonly Block[]): CompareRow[] {
  const parts = diffArrays(
    left.map((b) => b.text),
    right.map((b) => b.text),
  );
  const rows: CompareRow[] = [];
  let li = 0;
  let ri = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const n = part.value.length;
    if (!part.added && !part.removed) {
      for (let k = 0; k < n; k++) rows.push({ left: left[li++], right: right[ri++], change: "same" });
    } else if (part.removed && parts[i + 1]?.added) {
      const added = parts[i + 1].value.length;
      for (let k = 0; k < Math.max(n, added); k++) {
        const l = k < n ? left[li++] : null;
        const r = k < added ? right[ri++] : null;
        rows.push({ left: l, right: r, change: l && r ? "changed" : l ? "removed" : "added" });
      }
      i++;
    } else if (part.removed) {
      for (let k = 0; k < n; k++) rows.push({ left: left[li++], right: null, change: "removed" });
    } else {
      for (let k = 0; k < n; k++) rows.push({ left: null, right: right[ri++], change: "added" });
    }
  }
  return rows;
}
