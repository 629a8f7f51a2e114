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
import { CompositionGuard } from "../collab/composition-guard";
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

  // Hold remote changes back while an IME composition is in progress.
  useEffect(() => {
    if (!editor) return;
    const guard = new CompositionGuard(provider, () => editor.view.composing);
    const dom = editor.view.dom;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onEnd = () => {
      // ProseMirror finishes reading the composed text shortly after compositionend.
      const tryRelease = () => {
        if (editor.view.composing) timer = setTimeout(tryRelease, 30);
        else guard.release();
      };
      timer = setTimeout(tryRelease, 30);
    };
    dom.addEventListener("compositionend", onEnd);
    return () => {
      dom.removeEventListener("compositionend", onEnd);
      if (timer) clearTimeout(timer);
      guard.release();
      guard.destroy();
    };
  }, [editor, provider]);

  return <EditorContent editor={editor} className="editor" />;
}
