/**
 * Row order in collaborative lists. Each row keeps a fractional order key (a string that
 * sorts between its neighbours), so inserting or moving a row writes one field of one row
 * and concurrent moves never duplicate or drop a row. Two people inserting at the same
 * place at once may pick the same key: rows are sorted by key, then by id, so the order
 * stays total and identical on every client.
 */
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

export interface Ordered {
  id: string;
  order: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortOrdered<T extends Ordered>(rows: readonly T[]): T[] {
  return [...rows].sort(compareOrdered);
}

/**
 * A key strictly between `before` and `after` (null: open end). Picks one of a few evenly
 * spread candidates at random so simultaneous inserts at one spot rarely collide. When the
 * neighbours share a key (an earlier collision) the new key goes right after that key.
 */
export function orderKeyBetween(
  before: string | null,
  after: string | null,
  random: () => number = Math.random,
): string {
  const upper = before !== null && after !== null && after <= before ? null : after;
  const candidates = generateNKeysBetween(before, upper, 4);
  return candidates[Math.floor(random() * candidates.length)] ?? generateKeyBetween(before, upper);
}

/** The key that moves a row to `index` of `rows` (sorted, the moving row excluded). */
export function orderKeyAt(rows: readonly Ordered[], index: number, random?: () => number): string {
  const sorted = sortOrdered(rows);
  const i = Math.max(0, Math.min(index, sorted.length));
  return orderKeyBetween(sorted[i - 1]?.order ?? null, sorted[i]?.order ?? null, random);
}

/** Keys for `n` rows appended in order after `last` (imports, rollover). */
export function orderKeysAfter(last: string | null, n: number): string[] {
  return generateNKeysBetween(last, null, n);
}

export function isOrderKey(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 200) return false;
  try {
    generateKeyBetween(value, null);
    return true;
  } catch {
    return false;
  }
}
