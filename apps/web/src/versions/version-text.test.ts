import { describe, expect, it } from "vitest";
import { compareBlocks } from "./version-text";

const b = (text: string) => ({ kind: "paragraph", text });

describe("compareBlocks", () => {
  it("aligns unchanged paragraphs and marks changed, removed and added ones", () => {
    const rows = compareBlocks(
      [b("議題1"), b("原案の文"), b("削除される文")],
      [b("議題1"), b("修正後の文"), b("追記")],
    );
    expect(rows.map((r) => [r.left?.text ?? null, r.right?.text ?? null, r.change])).toEqual([
      ["議題1", "議題1", "same"],
      ["原案の文", "修正後の文", "changed"],
      ["削除される文", "追記", "changed"],
    ]);
    const grown = compareBlocks([b("a")], [b("a"), b("b")]);
    expect(grown.map((r) => r.change)).toEqual(["same", "added"]);
    const shrunk = compareBlocks([b("a"), b("b")], [b("b")]);
    expect(shrunk.map((r) => r.change)).toEqual(["removed", "same"]);
  });
});
