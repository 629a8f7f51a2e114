/**
 * What the minutes and drafts can hold: StarterKit (headings, bold, lists, quotes …, without
 * its own undo history: Yjs keeps it, see RichTextEditor), tables (情報共有シート and the like
 * are tables) and a visible placeholder while the text is empty. The server reads the same
 * nodes (apps/server/src/documents/rich-text.ts).
 */
import { TableKit } from "@tiptap/extension-table";
import { Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";

export function richTextExtensions(placeholder: string) {
  return [
    StarterKit.configure({ undoRedo: false }),
    // Column widths are not dragged (they would be one person's screen, not the document's).
    TableKit.configure({ table: { resizable: false, HTMLAttributes: { class: "rich-table" } } }),
    Placeholder.configure({ placeholder }),
  ];
}
