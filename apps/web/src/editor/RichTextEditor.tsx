/**
 * The Tiptap editor bound to the document's rich-text field, with remote carets. Undo/redo
 * comes from Yjs (the Collaboration extension), so StarterKit's own history is off.
 */

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { useEffect } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { t } from "../i18n/t";

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  editable: boolean;
}

export function RichTextEditor({ doc, provider, user, editable }: Props) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: doc, field: RICH_TEXT_FIELD }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editable,
      editorProps: {
        attributes: { "data-testid": "editor", "aria-label": t("editor.placeholder"), class: "prose" },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  return <EditorContent editor={editor} className="editor" />;
}
