/**
 * "Nearest first from an address" without a geocoding service (none is reachable): the
 * directory's own placed entries give each 町名 (town) of the municipality a centre, the mean
 * of their coordinates; an address typed by someone is read down to its town, and the town's
 * centre is where distances are measured from. Approximate by design (a town is a few hundred
 * metres to a few kilometres across), and said so on the screens that use it.
 */
import { isInJapan } from "./geo.js";

/** Kanji numerals as 丁目 are written (一丁目 … 二十丁目). */
const KANJI_NUMERAL = "[一二三四五六七八九十〇]+";

/**
 * The town (町名) of an address: what follows the municipality's name (or a prefecture and
 * municipality read off the front), up to the first number, 丁目 or 番地; "" when nothing is left.
 *   千葉県流山市おおたかの森東三丁目1番地 → おおたかの森東
 *   流山市前平井119 → 前平井
 */
export function townOf(address: string, municipality = ""): string {
  let rest = address.normalize("NFKC").replace(/\s+/g, "");
  if (municipality && rest.includes(municipality))
    rest = rest.slice(rest.indexOf(municipality) + municipality.length);
  else rest = rest.replace(/^(?:.{2,3}?[都道府県])?(?:.{1,6}?郡)?.{1,6}?[市区町村](?=.)/, "");
  const town = new RegExp(`^(.+?)(?:[0-9]|${KANJI_NUMERAL}丁目|大字|字|番地|$)`).exec(rest)?.[1] ?? "";
  return town.replace(/^(?:大字|字)/, "").replace(/[-ー－−‐,、。]+$/, "");
}

export interface TownCentre {
  town: string;
  lat: number;
  lng: number;
  /** How many placed entries the centre is the mean of. */
  entries: number;
}

/** Each town's centre, from the placed entries whose address is in it; by town name. */
export function townCentres(
  entries: readonly { address: string; lat: number | null; lng: number | null }[],
  municipality: string,
): TownCentre[] {
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const e of entries) {
    if (e.lat === null || e.lng === null || !isInJapan(e.lat, e.lng)) continue;
    const town = townOf(e.address, municipality);
    if (!town) continue;
    const s = sums.get(town) ?? { lat: 0, lng: 0, n: 0 };
    s.lat += e.lat;
    s.lng += e.lng;
    s.n++;
    sums.set(town, s);
  }
  return [...sums]
    .map(([town, s]) => ({
      town,
      lat: Math.round((s.lat / s.n) * 1e6) / 1e6,
      lng: Math.round((s.lng / s.n) * 1e6) / 1e6,
      entries: s.n,
    }))
    .sort((a, b) => a.town.localeCompare(b.town, "ja"));
}

/**
 * Where "nearest first from this address" measures from: the centre of the address's town, or
 * of the longest known town named anywhere in it; null when no town of the directory is named.
 */
export function originOfAddress(
  address: string,
  centres: readonly TownCentre[],
  municipality: string,
): TownCentre | null {
  const text = address.normalize("NFKC").replace(/\s+/g, "");
  if (!text) return null;
  const town = townOf(text, municipality);
  const exact = centres.find((c) => c.town === town);
  if (exact) return exact;
  let best: TownCentre | null = null;
  for (const c of centres) if (text.includes(c.town) && (!best || c.town.length > best.town.length)) best = c;
  return best;
}
