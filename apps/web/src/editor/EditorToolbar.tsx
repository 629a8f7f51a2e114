/**
 * The minutes and drafts toolbar: 見出し, 太字, 箇条書き, 番号付き, 表 (with row and column
 * commands while the caret is in a table), 元に戻す / やり直し (this person's own edits, kept by
 * Yjs). Each button says whether it is on (aria-pressed) and what key does the same.
 */
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import "./editor.css";

interface ToolState {
  heading: boolean;
  bold: boolean;
  bullet: boolean;
  ordered: boolean;
  inTable: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

function Tool({
  id,
  label,
  keys,
  pressed,
  disabled,
  onRun,
}: {
  id: string;
  label: MessageKey;
  keys?: string;
  pressed?: boolean;
  disabled?: boolean;
  onRun(): void;
}) {
  return (
    <button
      type="button"
      className={pressed ? "tool on" : "tool"}
      data-testid={`tb-${id}`}
      aria-pressed={pressed}
      disabled={disabled}
      title={keys ? `${t(label)}（${keys}）` : t(label)}
      // Keep the caret where it is: the command runs on the editor's selection.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onRun}
    >
      {t(label)}
    </button>
  );
}

/**
 * Yjs merges changes less than half a second apart into one undo step; a toolbar command is
 * a step of its own, so 元に戻す after 行を追加 takes back the row, not the typing before it.
 */
function newUndoStep(editor: Editor): void {
  const state = yUndoPluginKey.getState(editor.state) as
    | { undoManager?: { stopCapturing(): void } }
    | undefined;
  state?.undoManager?.stopCapturing();
}

export function EditorToolbar({ editor }: { editor: Editor }) {
  const s = useEditorState<ToolState>({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive("heading"),
      bold: e.isActive("bold"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      inTable: e.isActive("table"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = (f: (c: ReturnType<Editor["chain"]>) => ReturnType<Editor["chain"]>) => () => {
    newUndoStep(editor);
    f(editor.chain().focus()).run();
    newUndoStep(editor);
  };
  return (
    <div
      className="editor-toolbar no-print"
      role="toolbar"
      aria-label={t("toolbar.label")}
      data-testid="editor-toolbar"
    >
      <div className="tool-group">
        <Tool
          id="heading"
          label="toolbar.heading"
          pressed={s.heading}
          onRun={run((c) => c.toggleHeading({ level: 2 }))}
        />
        <Tool
          id="bold"
          label="toolbar.bold"
          keys="Ctrl+B"
          pressed={s.bold}
          onRun={run((c) => c.toggleBold())}
        />
        <Tool
          id="bullet"
          label="toolbar.bullet"
          pressed={s.bullet}
          onRun={run((c) => c.toggleBulletList())}
        />
        <Tool
          id="ordered"
          label="toolbar.ordered"
          pressed={s.ordered}
          onRun={run((c) => c.toggleOrderedList())}
        />
        <Tool
          id="table"
          label="toolbar.table"
          disabled={s.inTable}
          onRun={run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))}
        />
      </div>
      {s.inTable && (
        <div className="tool-group" data-testid="table-tools">
          <Tool id="row-add" label="toolbar.rowAdd" onRun={run((c) => c.addRowAfter())} />
          <Tool id="col-add" label="toolbar.colAdd" onRun={run((c) => c.addColumnAfter())} />
          <Tool id="row-del" label="toolbar.rowDelete" onRun={run((c) => c.deleteRow())} />
          <Tool id="col-del" label="toolbar.colDelete" onRun={run((c) => c.deleteColumn())} />
          <Tool id="table-del" label="toolbar.tableDelete" onRun={run((c) => c.deleteTable())} />
        </div>
      )}
      <div className="tool-group">
        <Tool
          id="undo"
          label="toolbar.undo"
          keys="Ctrl+Z"
          disabled={!s.canUndo}
          onRun={run((c) => c.undo())}
        />
        <Tool
          id="redo"
          label="toolbar.redo"
          keys="Ctrl+Y"
          disabled={!s.canRedo}
          onRun={run((c) => c.redo())}
        />
      </div>
    </div>
  );
}
