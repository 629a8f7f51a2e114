import { describe, expect, it } from "vitest";
import { escapeHtml, notPublishedHtml } from "./html.js";

describe("public pages' HTML", () => {
  it("escapes every character that could open markup or close an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });

  it("says a page is not published, in the page's own words when given", () => {
    expect(notPublishedHtml()).toContain("<p>このページは公開されていません。</p>");
    expect(notPublishedHtml("一覧は公開されていません。")).toContain(
      "<title>見つかりません</title><p>一覧は公開されていません。</p>",
    );
  });
});
