/** How people appear to each other in a shared document. */

const CARET_COLORS = ["#d1495b", "#00798c", "#edae49", "#30638e", "#6a4c93", "#2a9d8f", "#e76f51", "#3d405b"];

/** A stable caret colour per user, the same in every browser and on the server. */
export function caretColorFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return CARET_COLORS[h % CARET_COLORS.length];
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function isCaretColor(value: unknown): value is string {
  return typeof value === "string" && HEX_COLOR.test(value);
}
