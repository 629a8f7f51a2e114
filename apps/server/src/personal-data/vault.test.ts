import { describe, expect, it } from "vitest";
import { dataKeyOf, newKeyText, parseKey, parseKeyFile, parseKeyList } from "./keyring.js";
import { PersonalDataError, PersonalDataVault } from "./vault.js";

const key = () => parseKey(newKeyText()) as Buffer;

describe("the personal data vault (AES-256-GCM)", () => {
  it("opens what it sealed, for the same row only, and every sealing differs", () => {
    const vault = new PersonalDataVault([key()]);
    const value = { name: "流山 花子", contact: "04-7150-1234" };
    const a = vault.seal(value, "consultation_cases:c1");
    const b = vault.seal(value, "consultation_cases:c1");
    expect(a.text).not.toBe(b.text);
    expect(a.text.startsWith(`pd1.${vault.current.id}.`)).toBe(true);
    expect(a.text).not.toContain("流山");
    expect(Buffer.from(a.text.split(".")[2], "base64url").toString("utf8")).not.toContain("流山");
    expect(vault.open(a.text, "consultation_cases:c1")).toEqual(value);
    // Sealed for another row: copying ciphertext between rows does not work.
    expect(() => vault.open(a.text, "consultation_cases:c2")).toThrow(PersonalDataError);
  });

  it("refuses altered text and keys it does not hold", () => {
    const vault = new PersonalDataVault([key()]);
    const sealed = vault.seal({ name: "x" }, "r");
    const bytes = Buffer.from(sealed.text.split(".")[2], "base64url");
    bytes[20] ^= 1;
    const altered = `pd1.${vault.current.id}.${bytes.toString("base64url")}`;
    expect(() => vault.open(altered, "r")).toThrow(/does not decrypt/);
    const other = new PersonalDataVault([key()]);
    expect(() => other.open(sealed.text, "r")).toThrow(/not configured/);
    expect(() => vault.open("plain text", "r")).toThrow(/not a sealed value/);
  });

  it("seals with the first key and still opens with the older ones after a rotation", () => {
    const old = key();
    const before = new PersonalDataVault([old]);
    const sealed = before.seal({ name: "x" }, "r");
    const after = new PersonalDataVault([key(), old]);
    expect(after.current.id).not.toBe(before.current.id);
    expect(after.open(sealed.text, "r")).toEqual({ name: "x" });
    expect(after.seal({}, "r").keyId).toBe(after.current.id);
    expect(PersonalDataVault.keyIdOf(sealed.text)).toBe(before.current.id);
  });

  it("hashes names for the exact-name search under every key held, the same whatever the spacing", () => {
    const old = key();
    const before = new PersonalDataVault([old]);
    const after = new PersonalDataVault([key(), old]);
    const indexed = before.nameHash("流山 花子")?.hash;
    expect(after.searchHashes("流山　花子")).toContain(indexed);
    expect(after.nameHash("流山花子")?.hash).not.toBe(indexed);
    expect(before.nameHash("   ")).toBeNull();
    expect(before.searchHashes("流山")).not.toContain(indexed);
  });

  it("derives the key id, the encryption key and the index key apart from each other", () => {
    const raw = key();
    const k = dataKeyOf(raw);
    expect(k.id).toMatch(/^[0-9a-f]{8}$/);
    expect(k.encryption.equals(k.nameIndex)).toBe(false);
    expect(k.encryption.equals(raw)).toBe(false);
    expect(dataKeyOf(raw).id).toBe(k.id);
  });

  it("reads key files and lists, and names the line of a bad key", () => {
    const a = newKeyText();
    const b = newKeyText().replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(parseKeyFile(`# comment\n${a}\n\n${b}  # older\n`, "f")).toHaveLength(2);
    expect(() => parseKeyFile(`${a}\nnot-a-key\n`, "keys.txt")).toThrow("keys.txt, line 2");
    expect(() => parseKeyFile(`${Buffer.alloc(16).toString("base64")}\n`, "f")).toThrow("line 1");
    expect(parseKeyList(`${a}, ${b}`)).toHaveLength(2);
    expect(() => parseKeyList("abc")).toThrow("PERSONAL_DATA_KEYS, key 1");
  });
});
