/**
 * The Tiptap editor bound to the document's rich-text field, with remote carets and, where
 * the person may edit, the toolbar. Undo/redo comes from Yjs (the Collaboration extension),
 * so StarterKit's own history is off (extensions.ts).
 */

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { useEffect } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { t } from "../i18n/t";
import { CompositionGuard } from "./composition-guard";
import { EditorToolbar } from "./EditorToolbar";
import { richTextExtensions } from "./extensions";

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  editable: boolean;
  /** Shown while the text is empty (what to write here). */
  placeholder?: string;
  /** The editor's accessible name. */
  label?: string;
}

export function RichTextEditor({ doc, provider, user, editable, placeholder, label }: Props) {
  const editor = useEditor(
    {
      extensions: [
        ...richTextExtensions(placeholder ?? t("editor.placeholder")),
        Collaboration.configure({ document: doc, field: RICH_TEXT_FIELD }),
        CollaborationCaret.configure({ provider, user }),
        CompositionGuard,
      ],
      editable,
      editorProps: {
        attributes: {
          "data-testid": "editor",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label ?? t("editor.label"),
          class: "prose",
        },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="rich-editor">
      {editor && editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} className="editor" />
    </div>
  );
}
