/** Writing rich text (what Tiptap edits) into a new document's Yjs state. */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import * as Y from "yjs";

/** The initial Yjs state of a document: paragraphs and "# " headings in the rich-text field. */
export function richTextUpdate(paragraphs: readonly string[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const nodes = paragraphs.map((p) => {
    const heading = p.startsWith("# ");
    const el = new Y.XmlElement(heading ? "heading" : "paragraph");
    if (heading) el.setAttribute("level", 2 as unknown as string);
    el.insert(0, [new Y.XmlText(heading ? p.slice(2) : p)]);
    return el;
  });
  fragment.insert(0, nodes);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
