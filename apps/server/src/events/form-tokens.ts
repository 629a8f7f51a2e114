/**
 * Signed form tokens for the public forms (event registration, 出前講座 requests), issued with
 * the page: `<issued, base 36>.<nonce>.<HMAC of form name and both>`. A form sent with a token
 * for another form, altered, older than a day, or sooner than `minFillMs` after the page was
 * served (nobody fills a form in two seconds) is refused. Together with the hidden field and
 * the per-address limit of http/public-form-guard.ts, robots are kept off without a
 * third-party service.
 *
 * The signing key is made on first use and kept in the database, shared by every node
 * (net/signing-key.ts).
 */
import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { AppContext } from "../context.js";
import { ApiError } from "../http/errors.js";
import { PublicFormGuard } from "../http/public-form-guard.js";
import { SigningKey } from "../net/signing-key.js";
import type { QueryBuilder } from "../storage/query-builder.js";

const KEY_NAME = "public-form";
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type FormProblem = "missing" | "invalid" | "expired" | "tooFast";

export const formRefused = (problem: FormProblem) =>
  new ApiError(
    400,
    "publicForm.refused",
    problem === "tooFast"
      ? "入力から送信までが短すぎるため受け付けられませんでした。内容を確かめて、もう一度「送信」を押してください。"
      : "このフォームは有効期限が切れたか、正しく読み込まれていません。ページを読み込み直してから、もう一度お試しください。",
    { formToken: problem },
  );

export class FormTokens {
  private readonly key: SigningKey;

  constructor(
    q: QueryBuilder,
    /** Read on every check, so that the server's settings (and tests) may change it. */
    private readonly minFillMs: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new SigningKey(q, KEY_NAME, 32);
  }

  /** A token for the form named `form` (e.g. "register:<event public id>"). */
  async issue(form: string): Promise<string> {
    const body = `${this.now().toString(36)}.${encodeBase32LowerCaseNoPadding(randomBytes(10))}`;
    return `${body}.${await this.key.sign(`${form}|${body}`)}`;
  }

  /** Why the token does not fit the form, or null when it does. */
  async problemOf(form: string, token: string | undefined): Promise<FormProblem | null> {
    if (!token) return "missing";
    const parts = token.split(".");
    if (parts.length !== 3) return "invalid";
    const [issued, nonce, mac] = parts;
    if (!(await this.key.verify(`${form}|${issued}.${nonce}`, mac))) return "invalid";
    const issuedAt = Number.parseInt(issued, 36);
    const age = this.now() - issuedAt;
    if (!Number.isFinite(issuedAt) || age > MAX_AGE_MS || age < -60_000) return "expired";
    if (age < this.minFillMs()) return "tooFast";
    return null;
  }
}

/** Where a public form was sent, for the audit record of a refusal. */
export interface SentForm {
  /** The form's kind in the audit record. */
  kind: "register" | "lectureRequest";
  /** The token's form name (`register:<event public id>`, `lecture-request:<lg code>`). */
  name: string;
  workspaceId: string;
  /** The event registered for, if any. */
  eventId?: string;
  ip: string;
}

/**
 * Takes a public form only when its hidden field is empty and its token fits; otherwise the
 * refusal is recorded (event.public_refused) and answered 400 `publicForm.refused`.
 */
export async function admitPublicForm(
  app: AppContext,
  tokens: FormTokens,
  form: SentForm,
  sent: { website?: string; formToken?: string },
): Promise<void> {
  const bot = PublicFormGuard.isBot(sent.website);
  const problem = bot ? "invalid" : await tokens.problemOf(form.name, sent.formToken);
  if (!problem) return;
  await app.audit.record({
    event: "event.public_refused",
    workspaceId: form.workspaceId,
    ...(form.eventId ? { target: form.eventId } : {}),
    ip: form.ip,
    detail: { form: form.kind, problem, honeypot: bot },
  });
  throw formRefused(problem);
}
