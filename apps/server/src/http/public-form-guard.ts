/**
 * Forms anyone may send without an account (questionnaire answers, registrations, requests):
 * a hidden field people do not see (a form that fills it was filled by a program), and a limit
 * of submissions per address within a window, counted in the same `ThrottleStore` as login
 * failures (memory on one node, Redis on several). Generous enough for a venue whose phones
 * share one Wi-Fi address; it stops a script posting in a loop.
 */
import type { ThrottleStore } from "../auth/login-throttle.js";
import { ApiError } from "./errors.js";

export interface PublicFormLimits {
  /** Submissions of one kind from one address within the window. */
  perIp: number;
  windowMs: number;
}

export const PUBLIC_FORM_LIMITS: PublicFormLimits = { perIp: 60, windowMs: 10 * 60_000 };

export const tooManySubmissions = (retryAfterMs: number) =>
  new ApiError(
    429,
    "public.tooMany",
    "短い時間に多くの送信がありました。しばらくしてからもう一度お試しください。",
    undefined,
    { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  );

export class PublicFormGuard {
  constructor(
    private readonly store: ThrottleStore,
    private readonly limits: PublicFormLimits = PUBLIC_FORM_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts one submission of `kind` from `ip`, or refuses it (429) when the address is over its
   * limit (this guard's, or the form's own).
   */
  async admit(kind: string, ip: string, limits: PublicFormLimits = this.limits): Promise<void> {
    const key = `public:${kind}:${ip}`;
    const t = this.now();
    const r = await this.store.get(key, t);
    if (r && r.count >= limits.perIp) throw tooManySubmissions(r.expiresAt - t);
    await this.store.put(
      key,
      r
        ? { ...r, count: r.count + 1, lastAt: t }
        : { count: 1, firstAt: t, lastAt: t, expiresAt: t + limits.windowMs },
    );
  }

  /** A filled hidden field: the submission is a program's. */
  static isBot(honeypot: string | undefined): boolean {
    return honeypot !== undefined && honeypot.trim() !== "";
  }
}
