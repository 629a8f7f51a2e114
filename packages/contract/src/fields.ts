/**
 * Building blocks of the request schemas. A refused field is reported with a problem code
 * (`{error: {code: "validation", fields: {name: "required"}}}`); the web shows the Japanese
 * text of `field.<code>` from its catalogue. So every check here names its code as its error.
 */
import * as z from "zod";

/** Problem codes of the checks below (the web's catalogue has `field.<code>` for each). */
export type FieldProblem = "required" | "tooLong" | "unknown" | "format";

/** A required text, trimmed, 1 to `max` characters. */
export function requiredText(max: number) {
  return z.string({ error: "required" }).trim().min(1, { error: "required" }).max(max, { error: "tooLong" });
}

/** One of a fixed list of values. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: "unknown" });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;

/** Is this an e-mail address as Tsumugi accepts one (something@domain.tld, ≤ 254 characters)? */
export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL.test(value);
}

/** An e-mail address, trimmed and lower-cased; empty is left to the field's own rule. */
export function emailAddress() {
  return z
    .string({ error: "required" })
    .trim()
    .max(EMAIL_MAX, { error: "tooLong" })
    .toLowerCase()
    .refine((v) => v === "" || isEmail(v), { error: "format" });
}

/** A whole number from a query string ("12"), `min` to `max`. */
export function queryInt(min: number, max: number) {
  return z.coerce
    .number({ error: "format" })
    .int({ error: "format" })
    .min(min, { error: "outOfRange" })
    .max(max, { error: "outOfRange" });
}

export function flag() {
  return z.boolean({ error: "required" });
}

/** Server-made identifiers (24 base32 characters; ids of older data may differ in length). */
export const Id = z.string().regex(/^[a-z0-9]{8,40}$/);

/** Epoch milliseconds. */
export const Timestamp = z.number().int().meta({ description: "Epoch milliseconds" });

/** `{verb: boolean}` for every verb of a kind of resource: what the caller may do with it. */
export function abilities<const V extends readonly string[]>(verbs: V, description: string) {
  const shape = Object.fromEntries(verbs.map((v) => [v, z.boolean()])) as { [K in V[number]]: z.ZodBoolean };
  return z.object(shape).meta({ description });
}

/** The body of every error answer (http/errors.ts ApiError.toJSON). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().meta({ description: "Japanese message" }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: "Field → problem code (validation errors)" }),
    }),
  })
  .meta({ description: "The body of every error answer" });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A text that may be left empty, trimmed, at most `max` characters. */
export function optionalText(max: number) {
  return z.string({ error: "format" }).trim().max(max, { error: "tooLong" });
}

/** A calendar date, ISO (2023-07-31). */
export const IsoDate = z
  .string({ error: "format" })
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    error: "format",
  })
  .meta({ description: "Calendar date, ISO 8601 (2023-07-31)" });
