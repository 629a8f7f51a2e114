import { DOCUMENT_KINDS, GROUP_KINDS, PASSWORD_MIN_LENGTH, ROLES } from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import { messages } from "./messages.ja";
import { hasMessage, t } from "./t";

describe("message catalogue", () => {
  it("fills parameters", () => {
    expect(t("members.endSessionsDone", { name: "井上 誠" })).toBe("井上 誠 さんのログインを終了しました。");
  });

  it("names every role, group kind and document kind of the domain", () => {
    for (const r of ROLES) expect(hasMessage(`role.${r}`)).toBe(true);
    for (const k of GROUP_KINDS) expect(hasMessage(`groupKind.${k}`)).toBe(true);
    for (const k of DOCUMENT_KINDS) expect(hasMessage(`documentKind.${k}`)).toBe(true);
  });

  it("has no empty or untranslated message", () => {
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim(), key).not.toBe("");
      expect(/[ぁ-んァ-ヶ一-龠]/.test(text) || key === "app.name", key).toBe(true);
    }
  });

  it("states the password length the server requires", () => {
    for (const key of ["password.new", "accept.password", "field.password.tooShort"] as const)
      expect(t(key)).toContain(`${PASSWORD_MIN_LENGTH}文字以上`);
  });
});
