import { describe, expect, it } from "vitest";
import { parseDirectoryForm } from "./public-directory-form.js";

const AREAS = ["北部", "南部"];

describe("the public directory page's form", () => {
  it("reads every field it can use", () => {
    expect(
      parseDirectoryForm(
        {
          q: "訪問",
          kind: "clinic",
          service: "homeVisits",
          area: "南部",
          near: "江戸川台東1",
          lat: "35.8975",
          lng: "-139.9",
          from: "here",
        },
        AREAS,
      ),
    ).toEqual({
      q: "訪問",
      kind: "clinic",
      service: "homeVisits",
      area: "南部",
      near: "江戸川台東1",
      lat: 35.8975,
      lng: -139.9,
      from: "here",
    });
  });

  it("falls back to an empty form when nothing is asked", () => {
    expect(parseDirectoryForm({}, AREAS)).toEqual({
      q: "",
      kind: "",
      service: "",
      area: "",
      near: "",
      lat: null,
      lng: null,
      from: "point",
    });
  });

  it("drops what it cannot use instead of refusing the page", () => {
    const form = parseDirectoryForm(
      {
        kind: "castle",
        service: "flying",
        area: "西部",
        lat: "35.12345678",
        lng: "east",
        from: "somewhere",
      },
      AREAS,
    );
    expect(form).toMatchObject({ kind: "", service: "", area: "", lat: null, lng: null, from: "point" });
    expect(parseDirectoryForm({ lat: "1e3", lng: "1234.5" }, AREAS)).toMatchObject({ lat: null, lng: null });
    // A 圏域 is one of the directory's own: none when it has none.
    expect(parseDirectoryForm({ area: "北部" }, []).area).toBe("");
  });

  it("cuts the texts at 100 characters", () => {
    const form = parseDirectoryForm({ q: "あ".repeat(150), near: "い".repeat(101) }, AREAS);
    expect(form.q).toBe("あ".repeat(100));
    expect(form.near).toBe("い".repeat(100));
  });
});
