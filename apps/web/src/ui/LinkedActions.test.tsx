import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LinkedActions } from "./LinkedActions";

const actions = [
  { id: "a1", title: "研修<1>" },
  { id: "a2", title: "訪問" },
  { id: "a3", title: "会議" },
];
const render = (editable: boolean) =>
  renderToStaticMarkup(
    <LinkedActions
      actions={actions}
      linkedIds={["a2", "a1"]}
      editable={editable}
      onChange={() => {}}
      addLabel="取組を関連付ける"
      removeLabel="削除"
      removeTitle="削除"
      testId="link-action"
    />,
  );

describe("linked actions", () => {
  it("shows the linked ones in the actions' order, each removable, and offers only the others", () => {
    expect(render(true)).toBe(
      '<ul class="plain linked-actions"><li class="link-chip">研修&lt;1&gt;<button type="button" class="icon tiny" title="削除" aria-label="削除：研修&lt;1&gt;">×</button></li><li class="link-chip">訪問<button type="button" class="icon tiny" title="削除" aria-label="削除：訪問">×</button></li></ul><select aria-label="取組を関連付ける" data-testid="link-action"><option value="" selected="">取組を関連付ける</option><option value="a3">会議</option></select>',
    );
  });

  it("is only a list for someone who cannot edit", () => {
    expect(render(false)).toBe(
      '<ul class="plain linked-actions"><li class="link-chip">研修&lt;1&gt;</li><li class="link-chip">訪問</li></ul>',
    );
  });
});
