import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { richTextHtml, richTextMarkdown, richTextUpdate } from "./rich-text.js";

function fragmentOf(update: Uint8Array): Y.XmlFragment {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getXmlFragment(RICH_TEXT_FIELD);
}

/** A table as the browser's editor writes it: attributes on cells, several paragraphs in one. */
function browserTable(): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const cell = (name: string, texts: string[], attrs: Record<string, unknown> = {}) => {
    const el = new Y.XmlElement(name);
    for (const [k, v] of Object.entries({ colspan: 1, rowspan: 1, colwidth: null, ...attrs }))
      el.setAttribute(k, v as unknown as string);
    el.insert(
      0,
      texts.map((t) => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText(t)]);
        return p;
      }),
    );
    return el;
  };
  const row = (cells: Y.XmlElement[]) => {
    const el = new Y.XmlElement("tableRow");
    el.insert(0, cells);
    return el;
  };
  const table = new Y.XmlElement("table");
  table.insert(0, [
    row([cell("tableHeader", ["職種"]), cell("tableHeader", ["連絡先"]), cell("tableHeader", ["時間"])]),
    row([cell("tableCell", ["訪問看護"]), cell("tableCell", ["04-1234-5678", "a|b <x>"], { colspan: 2 })]),
  ]);
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", 2 as unknown as string);
  heading.insert(0, [new Y.XmlText("連絡可能時間一覧表")]);
  fragment.insert(0, [heading, table]);
  const bold = new Y.XmlText();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [bold]);
  bold.insert(0, "重要", { bold: true });
  bold.insert(2, "な点", { bold: null });
  fragment.insert(2, [p]);
  return fragment;
}

describe("rich text", () => {
  it("writes headings, paragraphs and tables with a header row as the editor keeps them", () => {
    const fragment = fragmentOf(
      richTextUpdate([
        "# 基本情報",
        {
          table: [
            ["項目", "内容"],
            ["氏名", ""],
          ],
          header: true,
        },
        "以上",
      ]),
    );
    const [heading, table, last] = fragment.toArray() as Y.XmlElement[];
    expect(heading.nodeName).toBe("heading");
    expect(table.nodeName).toBe("table");
    const rows = table.toArray() as Y.XmlElement[];
    expect(rows.map((r) => r.nodeName)).toEqual(["tableRow", "tableRow"]);
    expect((rows[0].toArray() as Y.XmlElement[]).map((c) => c.nodeName)).toEqual([
      "tableHeader",
      "tableHeader",
    ]);
    expect((rows[1].toArray() as Y.XmlElement[]).map((c) => c.nodeName)).toEqual(["tableCell", "tableCell"]);
    // Every cell holds a paragraph, as the table schema requires (an empty one when blank).
    const blank = (rows[1].toArray()[1] as Y.XmlElement).toArray()[0] as Y.XmlElement;
    expect(blank.nodeName).toBe("paragraph");
    expect(last.nodeName).toBe("paragraph");
  });

  it("renders tables to HTML, escaped, with merged cells", () => {
    const html = richTextHtml(browserTable());
    expect(html).toBe(
      "<h2>連絡可能時間一覧表</h2>" +
        "<table><tbody><tr><th><p>職種</p></th><th><p>連絡先</p></th><th><p>時間</p></th></tr>" +
        '<tr><td><p>訪問看護</p></td><td colspan="2"><p>04-1234-5678</p><p>a|b &lt;x&gt;</p></td></tr></tbody></table>' +
        "<p><strong>重要</strong>な点</p>",
    );
  });

  it("exports tables to Markdown: header, separator, pipes escaped, paragraphs joined, rows padded", () => {
    expect(richTextMarkdown(browserTable())).toEqual([
      "### 連絡可能時間一覧表",
      "",
      "| 職種 | 連絡先 | 時間 |",
      "| --- | --- | --- |",
      "| 訪問看護 | 04-1234-5678<br>a\\|b <x> |  |",
      "",
      "**重要**な点",
      "",
    ]);
  });

  it("keeps only web and mail links on public pages", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
    const p = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    p.insert(0, [text]);
    fragment.insert(0, [p]);
    text.insert(0, "市のページ", { link: { href: "https://www.city.example.jp/" } });
    text.insert(5, "危険", { link: { href: "javascript:alert(1)" } });
    expect(richTextHtml(fragment)).toBe(
      '<p><a href="https://www.city.example.jp/" rel="noopener noreferrer">市のページ</a>危険</p>',
    );
  });
});
