/**
 * Arrow keys between the cells of a plan table, as in a spreadsheet: up and down move to the
 * same cell of the row above or below, left and right to the previous or next control of the
 * row. Inside a text the arrows keep moving the caret, and leave the cell only at the text's
 * edges: up from its first line, down from its last, left from its start, right from its end.
 * Nothing happens during an IME conversion (the arrows choose among candidates then).
 *
 * A table takes part with `onKeyDown={gridKeyDown}`; its rows are the `tr` elements with a
 * `data-row-id`, its cells their `td`/`th`.
 */
import type { KeyboardEvent } from "react";

const FOCUSABLE = "input, textarea, select, button, a[href]";

type TextField = HTMLInputElement | HTMLTextAreaElement;

function isTextField(el: Element): el is TextField {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && ["text", "search", "url", "email", "tel", ""].includes(el.type);
}

function controls(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}

/** Where the caret is among the visual lines of a textarea (soft wraps included). */
function caretLine(el: HTMLTextAreaElement, index: number): "first" | "last" | "only" | "middle" {
  const style = getComputedStyle(el);
  const mirror = document.createElement("div");
  for (const prop of [
    "boxSizing",
    "width",
    "fontFamily",
    "fontSize",
    "fontWeight",
    "letterSpacing",
    "lineHeight",
    "paddingTop",
    "paddingRight",
    "paddingBottom",
    "paddingLeft",
    "borderTopWidth",
    "borderRightWidth",
    "borderBottomWidth",
    "borderLeftWidth",
    "textIndent",
    "wordBreak",
    "tabSize",
  ] as const) {
    mirror.style[prop] = style[prop];
  }
  Object.assign(mirror.style, {
    position: "absolute",
    visibility: "hidden",
    top: "0",
    left: "-9999px",
    whiteSpace: "pre-wrap",
    overflowWrap: "break-word",
    overflow: "hidden",
  });
  // The textarea's own scrollbar narrows its text.
  mirror.style.width = `${el.clientWidth + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth)}px`;
  const marker = (at: number) => {
    mirror.textContent = "";
    mirror.append(document.createTextNode(el.value.slice(0, at)));
    const span = document.createElement("span");
    span.textContent = "\u200b";
    mirror.append(span);
    mirror.append(document.createTextNode(el.value.slice(at) || ""));
    return span.offsetTop;
  };
  document.body.append(mirror);
  try {
    const caret = marker(index);
    const first = marker(0);
    const last = marker(el.value.length);
    if (caret <= first && caret >= last) return "only";
    if (caret <= first) return "first";
    if (caret >= last) return "last";
    return "middle";
  } finally {
    mirror.remove();
  }
}

/** Whether an arrow key should leave `el` rather than move inside it. */
function leaves(el: HTMLElement, key: string): boolean {
  if (!isTextField(el)) return true;
  const start = el.selectionStart ?? 0;
  const end = el.selectionEnd ?? 0;
  if (start !== end) return false;
  if (key === "ArrowLeft") return start === 0;
  if (key === "ArrowRight") return end === el.value.length;
  if (el instanceof HTMLInputElement) return true;
  const line = caretLine(el, start);
  if (key === "ArrowUp") return line === "first" || line === "only";
  return line === "last" || line === "only";
}

function placeCaret(el: HTMLElement, key: string): void {
  if (!isTextField(el)) return;
  const at = key === "ArrowRight" ? 0 : el.value.length;
  el.setSelectionRange(at, at);
}

function cellOf(el: HTMLElement, row: Element): HTMLElement | null {
  let cell = el.closest<HTMLElement>("td, th");
  while (cell && cell.parentElement !== row)
    cell = cell.parentElement?.closest<HTMLElement>("td, th") ?? null;
  return cell;
}

function focus(el: HTMLElement, key: string): void {
  el.focus();
  placeCaret(el, key);
}

export function gridKeyDown(e: KeyboardEvent<HTMLElement>): void {
  const key = e.key;
  if (!["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(key)) return;
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return;
  const el = e.target as HTMLElement;
  const row = el.closest("tr[data-row-id]");
  if (!row || !e.currentTarget.contains(row) || !el.matches(FOCUSABLE)) return;
  // An open select list uses the arrows itself.
  if (!leaves(el, key)) return;

  const own = controls(row);
  const index = own.indexOf(el);
  if (index < 0) return;
  if (key === "ArrowLeft" || key === "ArrowRight") {
    const next = own[index + (key === "ArrowLeft" ? -1 : 1)];
    e.preventDefault();
    if (next) focus(next, key);
    return;
  }

  const rows = [...e.currentTarget.querySelectorAll("tr[data-row-id]")].filter(
    (r) => r.getClientRects().length > 0,
  );
  const target = rows[rows.indexOf(row) + (key === "ArrowUp" ? -1 : 1)];
  e.preventDefault();
  if (!target) return;
  const cell = cellOf(el, row);
  const cellIndex = cell ? [...row.children].indexOf(cell) : -1;
  const inCell = cell ? controls(cell).indexOf(el) : 0;
  const targetCell = cellIndex >= 0 ? target.children[cellIndex] : null;
  const candidates = targetCell ? controls(targetCell) : [];
  const next = candidates[Math.min(Math.max(inCell, 0), candidates.length - 1)] ?? controls(target)[0];
  if (next) focus(next, key);
}
