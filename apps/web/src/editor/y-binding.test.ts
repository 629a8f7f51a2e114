/**
 * The composition guard relies on private members of @tiptap/y-tiptap's ProsemirrorBinding
 * (y-binding.ts names them). These tests fail loudly when an update of the package removes them
 * or stops using them as y-binding.ts expects: a real binding, driven by the sync plugin as the
 * editor drives it, over a minimal view (state and dispatch).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Schema } from "@tiptap/pm/model";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ProsemirrorBinding, ySyncPlugin } from "@tiptap/y-tiptap";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { gateSyncBinding, PRIVATE_MEMBERS, Y_TIPTAP_VERSION } from "./y-binding";

const schema = new Schema({
  nodes: {
    doc: { content: "paragraph+" },
    paragraph: { content: "text*", toDOM: () => ["p", 0] },
    text: {},
  },
});

/** An editor over a fragment: the sync plugin's view on a view that is only state and dispatch. */
function boundEditor() {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment("content");
  const plugin = ySyncPlugin(fragment);
  let state = EditorState.create({ schema, plugins: [plugin] });
  const view = {
    get state() {
      return state;
    },
    dispatch(tr: Transaction) {
      state = state.apply(tr);
    },
    hasFocus: () => false,
  } as unknown as EditorView;
  const pluginView = plugin.spec.view?.(view);
  if (!pluginView?.update || !pluginView.destroy) throw new Error("the sync plugin has no view");
  const gate = { show: true, write: true };
  const showYjsChange = vi.fn(() => gate.show);
  const binding = gateSyncBinding(state, { showYjsChange, writeEditorChange: () => gate.write });
  if (!binding) throw new Error("no binding in the sync plugin's state");
  return {
    ydoc,
    fragment,
    binding,
    gate,
    showYjsChange,
    text: () => state.doc.textContent,
    /** Types at the start of the first paragraph, as the editor does (then the plugin's update). */
    type(text: string) {
      const before = state;
      state = state.apply(state.tr.insertText(text, 1));
      pluginView.update?.(view, before);
    },
    destroy: () => pluginView.destroy?.(),
  };
}

/** A colleague's paragraph, arriving as a remote update. */
function remoteParagraph(ydoc: Y.Doc, text: string): void {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = other.getXmlFragment("content");
  fragment.insert(fragment.length, [paragraph]);
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(ydoc)), "remote");
}

describe("the private members of @tiptap/y-tiptap that y-binding.ts relies on", () => {
  it(`are those of the version it was written against (${Y_TIPTAP_VERSION})`, () => {
    const entry = createRequire(import.meta.url).resolve("@tiptap/y-tiptap");
    const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
    expect(pkg.name).toBe("@tiptap/y-tiptap");
    expect(
      pkg.version,
      "@tiptap/y-tiptap changed: re-read ProsemirrorBinding's _observeFunction, _prosemirrorChanged and _forceRerender, then update Y_TIPTAP_VERSION in y-binding.ts",
    ).toBe(Y_TIPTAP_VERSION);
  });

  it("are still on ProsemirrorBinding", () => {
    const binding = new ProsemirrorBinding(new Y.Doc().getXmlFragment("content")) as unknown as Record<
      string,
      unknown
    >;
    for (const member of PRIVATE_MEMBERS)
      expect(typeof binding[member], `ProsemirrorBinding.${member} is gone: see y-binding.ts`).toBe(
        "function",
      );
  });

  it("let the gate hold colleagues' changes back from the editor, and rerender show them", () => {
    const editor = boundEditor();
    remoteParagraph(editor.ydoc, "連携");
    expect(editor.text()).toBe("連携");

    editor.gate.show = false;
    remoteParagraph(editor.ydoc, "シート");
    expect(editor.showYjsChange).toHaveBeenCalledTimes(2);
    expect(editor.text()).toBe("連携");
    expect(editor.fragment.toString()).toContain("シート");

    editor.binding.rerender();
    expect(editor.text()).toBe("連携シート");
  });

  it("let the gate keep the editor's changes from the fragment", () => {
    const editor = boundEditor();
    editor.gate.write = false;
    editor.type("しーと");
    expect(editor.text()).toBe("しーと");
    expect(editor.fragment.toString()).not.toContain("しーと");

    editor.gate.write = true;
    editor.type("連携");
    expect(editor.fragment.toString()).toContain("連携しーと");
  });

  it("stop the gated observer when the editor closes", () => {
    const editor = boundEditor();
    remoteParagraph(editor.ydoc, "一");
    expect(editor.showYjsChange).toHaveBeenCalledTimes(1);
    editor.destroy();
    remoteParagraph(editor.ydoc, "二");
    expect(editor.showYjsChange).toHaveBeenCalledTimes(1);
  });

  it("expose the bound fragment, its document and mapping", () => {
    const editor = boundEditor();
    expect(editor.binding.type).toBe(editor.fragment);
    expect(editor.binding.doc).toBe(editor.ydoc);
    expect(editor.binding.mapping).toBeInstanceOf(Map);
  });
});
