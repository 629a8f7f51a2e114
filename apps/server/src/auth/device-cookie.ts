/**
 * Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies"): after a
 * successful login the browser gets a signed note "this browser logged in to account X". A
 * later password attempt for X from that browser is throttled on its own, so failures of others
 * (an attacker elsewhere, colleagues behind the same proxy) never keep the owner out.
 *
 * One cookie holds the notes of the last few accounts used in this browser:
 * `<user id>.<issued, base 36>.<nonce>.<HMAC-SHA256>` joined by `~`. The key is made on first
 * use and kept in the database (net/signing-key.ts), so every process of one installation shares it.
 * A note grants nothing by itself: it only decides which throttle counter an attempt uses.
 */
import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Config } from "../config.js";
import { SigningKey } from "../net/signing-key.js";
import type { QueryBuilder } from "../storage/query-builder.js";
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
  private readonly key: SigningKey;

  constructor(
    q: QueryBuilder,
    private readonly config: Config,
    readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new SigningKey(q, KEY_NAME);
  }

  /** The valid, unexpired notes of this browser's cookie. */
  private async notes(cookieHeader: string | undefined | null): Promise<Note[]> {
    const raw = readCookie(cookieHeader, ourCookieName(this.config, COOKIE));
    if (!raw || raw.length > 2000) return [];
    const t = this.now();
    const notes: Note[] = [];
    for (const entry of raw.split("~").slice(0, MAX_NOTES)) {
      const parts = entry.split(".");
      if (parts.length !== 4) continue;
      const [userId, issued, nonce, mac] = parts;
      if (!(await this.key.verify(`${userId}.${issued}.${nonce}`, mac))) continue;
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
    const kept = (await this.notes(cookieHeader)).filter((n) => n.userId !== userId);
    const issuedAt = this.now();
    const nonce = encodeBase32LowerCaseNoPadding(randomBytes(10));
    const notes = [{ userId, issuedAt, nonce }, ...kept].slice(0, MAX_NOTES);
    const value = (
      await Promise.all(
        notes.map(async (n) => {
          const body = `${n.userId}.${n.issuedAt.toString(36)}.${n.nonce}`;
          return `${body}.${await this.key.sign(body)}`;
        }),
      )
    ).join("~");
    return ourCookie(this.config, COOKIE, value, Math.floor(this.lifetimeMs / 1000));
  }
}
