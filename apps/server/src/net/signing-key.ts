/**
 * A signing key of the installation for tokens the server hands out and checks later (device
 * cookies, public form tokens): HMAC-SHA256, written in base32. The key is made on first use
 * and kept in `server_keys` under its name, so every process and node of one installation
 * signs and checks alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findServerKey, insertServerKeyIfMissing } from "./server-key-repository.js";

export class SigningKey {
  private key: Promise<Uint8Array> | null = null;

  constructor(
    private readonly q: QueryBuilder,
    private readonly name: string,
    /** Characters of the MAC kept (all 52 unless said). */
    private readonly macLength?: number,
  ) {}

  private load(): Promise<Uint8Array> {
    this.key ??= (async () => {
      await insertServerKeyIfMissing(this.q, this.name, randomBytes(32), Date.now());
      const key = await findServerKey(this.q, this.name);
      if (!key) throw new Error(`signing key ${this.name} missing`);
      return key;
    })();
    this.key.catch(() => {
      this.key = null;
    });
    return this.key;
  }

  /** The MAC of `body`. */
  async sign(body: string): Promise<string> {
    const mac = encodeBase32LowerCaseNoPadding(
      createHmac("sha256", await this.load())
        .update(body)
        .digest(),
    );
    return this.macLength === undefined ? mac : mac.slice(0, this.macLength);
  }

  /** Whether `mac` is the MAC of `body` (compared in constant time). */
  async verify(body: string, mac: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(body));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
