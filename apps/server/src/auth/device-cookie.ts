/**
 * Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies"): after a
 * successful login the browser gets a signed note "this browser logged in to account X". A
 * later password attempt for X from that browser is throttled on its own, so failures of others
 * (an attacker elsewhere, colleagues behind the same proxy) never keep the owner out.
 *
 * One cookie holds the notes of the last few accounts used in this browser:
 * `<user id>.<issued, base 36>.<nonce>.<HMAC-SHA256>` joined by `~`. The key is made on first
 * use and kept in the database (`server_keys`), so every process of one installation shares it.
 * A note grants nothing by itself: it only decides which throttle counter an attempt uses.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Config } from "../config.js";
import type { Database } from "../storage/database.js";
import { ourCookie, ourCookieName, readCookie } from "./cookie.js";

const COOKIE = "tsumugi_device";
const MAX_NOTES = 5;
const KEY_NAME = "device-cookie";

interface Note {
  userId: string;
  issuedAt: number;
  nonce: string;
}

export class DeviceCookies {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
    readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private signingKey(): Promise<Buffer> {
    this.key ??= (async () => {
      await this.db.run(
        "INSERT INTO server_keys (name, key, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
        [KEY_NAME, randomBytes(32), Date.now()],
      );
      const row = await this.db.get<{ key: Buffer }>("SELECT key FROM server_keys WHERE name = ?", [
        KEY_NAME,
      ]);
      if (!row) throw new Error("device cookie key missing");
      return row.key;
    })();
    this.key.catch(() => {
      this.key = null;
    });
    return this.key;
  }

  private mac(key: Buffer, body: string): string {
    return encodeBase32LowerCaseNoPadding(createHmac("sha256", key).update(body).digest());
  }

  /** The valid, unexpired notes of this browser's cookie. */
  private async notes(cookieHeader: string | undefined | null): Promise<Note[]> {
    const raw = readCookie(cookieHeader, ourCookieName(this.config, COOKIE));
    if (!raw || raw.length > 2000) return [];
    const key = await this.signingKey();
    const t = this.now();
    const notes: Note[] = [];
    for (const entry of raw.split("~").slice(0, MAX_NOTES)) {
      const parts = entry.split(".");
      if (parts.length !== 4) continue;
      const [userId, issued, nonce, mac] = parts;
      const expected = Buffer.from(this.mac(key, `${userId}.${issued}.${nonce}`));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
      const issuedAt = Number.parseInt(issued, 36);
      if (!Number.isFinite(issuedAt) || t - issuedAt >= this.lifetimeMs || issuedAt > t + 60_000) continue;
      notes.push({ userId, issuedAt, nonce });
    }
    return notes;
  }

  /** The id of this browser for `userId` when it logged in to that account before, else null. */
  async deviceFor(
    cookieHeader: string | undefined | null,
    userId: string | undefined,
  ): Promise<string | null> {
    if (!userId) return null;
    const note = (await this.notes(cookieHeader)).find((n) => n.userId === userId);
    return note ? note.nonce : null;
  }

  /** The Set-Cookie that remembers this browser for `userId` (newest first, a few accounts). */
  async remember(cookieHeader: string | undefined | null, userId: string): Promise<string> {
    const key = await this.signingKey();
    const kept = (await this.notes(cookieHeader)).filter((n) => n.userId !== userId);
    const issuedAt = this.now();
    const nonce = encodeBase32LowerCaseNoPadding(randomBytes(10));
    const notes = [{ userId, issuedAt, nonce }, ...kept].slice(0, MAX_NOTES);
    const value = notes
      .map((n) => {
        const body = `${n.userId}.${n.issuedAt.toString(36)}.${n.nonce}`;
        return `${body}.${this.mac(key, body)}`;
      })
      .join("~");
    return ourCookie(this.config, COOKIE, value, Math.floor(this.lifetimeMs / 1000));
  }
}
