import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ViewTabs } from "./ViewTabs";

describe("view tabs", () => {
  it("marks the current view and names each from the catalogue, with the navigation's name when given", () => {
    expect(
      renderToStaticMarkup(
        <ViewTabs
          area="events"
          views={["list", "series"]}
          current="series"
          onSelect={() => {}}
          label="研修"
        />,
      ),
    ).toBe(
      '<nav class="subtabs" aria-label="研修"><button type="button" class="link" data-testid="events-view-list">研修・イベント</button><button type="button" class="link active" aria-current="page" data-testid="events-view-series">シリーズ</button></nav>',
    );
    expect(
      renderToStaticMarkup(
        <ViewTabs area="indicators" views={["grid"]} current="grid" onSelect={() => {}} />,
      ),
    ).toMatch(/^<nav class="subtabs"><button/);
  });
});
