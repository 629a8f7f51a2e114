import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { richTextHtml, richTextMarkdown } from "./rich-text.js";

function headingAs(level: unknown): { html: string; markdown: string } {
  const doc = new Y.Doc();
  const heading = new Y.XmlElement("heading");
  if (level !== undefined) heading.setAttribute("level", level as string);
  heading.insert(0, [new Y.XmlText("目的")]);
  doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [heading]);
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const out = { html: richTextHtml(fragment), markdown: richTextMarkdown(fragment).join("\n").trim() };
  doc.destroy();
  return out;
}

// A client can store any attribute: public pages and exports must still write a heading.
describe("headings on public pages and in exports", () => {
  it.each([
    [2, "<h2>目的</h2>"],
    [3, "<h3>目的</h3>"],
    ["4", "<h4>目的</h4>"],
    [6, "<h6>目的</h6>"],
    // The page's title is its only h1.
    [1, "<h2>目的</h2>"],
  ])("keeps a valid level (%s)", (level, html) => {
    expect(headingAs(level).html).toBe(html);
  });

  it.each([
    "abc",
    "2><script>alert(1)</script",
    Number.NaN,
    7,
    0,
    -1,
    2.5,
    "",
    null,
    undefined,
    { level: 3 },
  ])("renders a level that is not one (%s) as h2, never <hNaN> or markup", (level) => {
    expect(headingAs(level)).toEqual({ html: "<h2>目的</h2>", markdown: "### 目的" });
  });
});
