/**
 * The public directory page's search form as its query string says it, read leniently on
 * purpose: a value the page cannot use (an unknown kind, service or 圏域, a coordinate that is
 * not a number, a text past 100 characters) is dropped or cut and the page shown, never a 400.
 * It is a page residents land on from links and bookmarks, not the API: /api/public/resources
 * validates with the contract's schemas instead.
 */
import { isResourceKind, isServiceTag } from "@tsumugi/domain";

export interface DirectoryForm {
  q: string;
  kind: string;
  service: string;
  area: string;
  /** An address or 町名 to sort from. */
  near: string;
  /** A point to sort from (the device's position or a point chosen on the map). */
  lat: number | null;
  lng: number | null;
  from: "here" | "point";
}

/** A coordinate from the query, or null when absent or not a number. */
function coordinate(value: string): number | null {
  if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(value)) return null;
  return Number(value);
}

/**
 * The form from the query's values (the first of each name), `area` only when it is one of the
 * directory's 圏域 `areas`.
 */
export function parseDirectoryForm(
  query: Readonly<Record<string, string | undefined>>,
  areas: readonly string[],
): DirectoryForm {
  const value = (name: string) => query[name] ?? "";
  return {
    q: value("q").slice(0, 100),
    kind: isResourceKind(value("kind")) ? value("kind") : "",
    service: isServiceTag(value("service")) ? value("service") : "",
    area: areas.includes(value("area")) ? value("area") : "",
    near: value("near").slice(0, 100),
    lat: coordinate(value("lat")),
    lng: coordinate(value("lng")),
    from: value("from") === "here" ? "here" : "point",
  };
}
