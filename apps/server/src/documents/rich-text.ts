/**
 * Rich text as Tiptap edits it (the document's `content` XmlFragment): writing a new
 * document's first state, and reading it out as HTML (public pages) and Markdown (exports).
 * Paragraphs, headings, lists, quotes and tables (table > tableRow > tableHeader | tableCell
 * > paragraph …, as @tiptap/extension-table keeps them).
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import * as Y from "yjs";
import { escapeHtml } from "../http/html.js";

/** A block of a new document: a paragraph ("# " makes it a heading) or a table of plain cells. */
export type RichBlock = string | { table: readonly (readonly string[])[]; header?: boolean };

function paragraph(text: string): Y.XmlElement {
  const el = new Y.XmlElement("paragraph");
  if (text) el.insert(0, [new Y.XmlText(text)]);
  return el;
}

function tableElement(rows: readonly (readonly string[])[], header: boolean): Y.XmlElement {
  const table = new Y.XmlElement("table");
  table.insert(
    0,
    rows.map((cells, r) => {
      const row = new Y.XmlElement("tableRow");
      row.insert(
        0,
        cells.map((text) => {
          const cell = new Y.XmlElement(header && r === 0 ? "tableHeader" : "tableCell");
          cell.insert(0, [paragraph(text)]);
          return cell;
        }),
      );
      return row;
    }),
  );
  return table;
}

/** The initial Yjs state of a document holding these blocks in its rich-text field. */
export function richTextUpdate(blocks: readonly RichBlock[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const nodes = blocks.map((b) => {
    if (typeof b !== "string") return tableElement(b.table, b.header ?? false);
    if (!b.startsWith("# ")) return paragraph(b);
    const el = new Y.XmlElement("heading");
    el.setAttribute("level", 2 as unknown as string);
    el.insert(0, [new Y.XmlText(b.slice(2))]);
    return el;
  });
  fragment.insert(0, nodes);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[];

/** Only web and mail links are kept as links on a public page. */
function safeHref(mark: unknown): string | null {
  const href = (mark as { href?: unknown } | null)?.href;
  if (typeof href !== "string") return null;
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

function inlineHtml(text: Y.XmlText): string {
  return (text.toDelta() as Delta)
    .map((d) => {
      if (typeof d.insert !== "string") return "";
      const a = d.attributes ?? {};
      let s = escapeHtml(d.insert);
      if (a.code) s = `<code>${s}</code>`;
      if (a.bold) s = `<strong>${s}</strong>`;
      if (a.italic) s = `<em>${s}</em>`;
      if (a.underline) s = `<u>${s}</u>`;
      if (a.strike) s = `<s>${s}</s>`;
      const href = a.link ? safeHref(a.link) : null;
      if (href) s = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${s}</a>`;
      return s;
    })
    .join("");
}

const BLOCK: Record<string, string> = {
  paragraph: "p",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  blockquote: "blockquote",
  codeBlock: "pre",
  table: "table",
  tableRow: "tr",
};

/**
 * A heading's level as stored (any client can write any attribute): 2–6 as is; anything else
 * (1, which is the page's title, non-numbers, fractions, 7 and more) is 2.
 */
export function headingLevel(raw: unknown): number {
  const level =
    typeof raw === "number" ? raw : typeof raw === "string" && /^\d$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(level) && level >= 2 && level <= 6 ? level : 2;
}

/** A merged cell's span, as Tiptap stores it (a number; 1 when absent or unreadable). */
function span(el: Y.XmlElement, name: "colspan" | "rowspan"): number {
  const n = Number(el.getAttribute(name) ?? 1);
  return Number.isInteger(n) && n > 1 && n < 100 ? n : 1;
}

function cellHtml(el: Y.XmlElement): string {
  const tag = el.nodeName === "tableHeader" ? "th" : "td";
  const colspan = span(el, "colspan");
  const rowspan = span(el, "rowspan");
  const attrs = `${colspan > 1 ? ` colspan="${colspan}"` : ""}${rowspan > 1 ? ` rowspan="${rowspan}"` : ""}`;
  return `<${tag}${attrs}>${richTextHtml(el)}</${tag}>`;
}

/** Rich text as HTML, every piece of text escaped. */
export function richTextHtml(parent: Y.XmlFragment | Y.XmlElement): string {
  return parent
    .toArray()
    .map((node) => {
      if (node instanceof Y.XmlText) return inlineHtml(node);
      if (!(node instanceof Y.XmlElement)) return "";
      if (node.nodeName === "heading") {
        const level = headingLevel(node.getAttribute("level"));
        return `<h${level}>${richTextHtml(node)}</h${level}>`;
      }
      if (node.nodeName === "hardBreak") return "<br>";
      if (node.nodeName === "horizontalRule") return "<hr>";
      if (node.nodeName === "tableHeader" || node.nodeName === "tableCell") return cellHtml(node);
      if (node.nodeName === "table") return `<table><tbody>${richTextHtml(node)}</tbody></table>`;
      const tag = BLOCK[node.nodeName] ?? "div";
      return `<${tag}>${richTextHtml(node)}</${tag}>`;
    })
    .join("");
}

function inlineMarkdown(text: Y.XmlText): string {
  return (text.toDelta() as Delta)
    .map((d) => {
      if (typeof d.insert !== "string") return "";
      const a = d.attributes ?? {};
      let s = d.insert;
      if (a.code) s = `\`${s}\``;
      if (a.bold) s = `**${s}**`;
      if (a.italic) s = `*${s}*`;
      if (a.strike) s = `~~${s}~~`;
      const href = a.link ? safeHref(a.link) : null;
      if (href) s = `[${s}](${href})`;
      return s;
    })
    .join("");
}

function blockText(el: Y.XmlElement): string {
  return el
    .toArray()
    .map((n) =>
      n instanceof Y.XmlText
        ? inlineMarkdown(n)
        : n instanceof Y.XmlElement
          ? n.nodeName === "hardBreak"
            ? "\n"
            : blockText(n)
          : "",
    )
    .join("");
}

/** A cell's paragraphs on one line: pipes escaped, line breaks as <br>. */
function cellMarkdown(cell: Y.XmlElement): string {
  const parts = cell
    .toArray()
    .map((n) => (n instanceof Y.XmlElement ? blockText(n) : n instanceof Y.XmlText ? inlineMarkdown(n) : ""))
    .filter((s) => s !== "");
  return parts.join("\n").replace(/\|/g, "\\|").replace(/\n/g, "<br>").trim();
}

/**
 * A table as a GitHub-flavoured Markdown table. Markdown tables need a header: the first row
 * is it (Tiptap's header row when there is one). Merged cells repeat nothing; rows are
 * padded to the widest.
 */
function tableMarkdown(table: Y.XmlElement, indent: string): string[] {
  const rows = table
    .toArray()
    .filter((r): r is Y.XmlElement => r instanceof Y.XmlElement)
    .map((r) =>
      r
        .toArray()
        .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
        .flatMap((c) => [cellMarkdown(c), ...Array<string>(span(c, "colspan") - 1).fill("")]),
    );
  if (rows.length === 0) return [];
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (cells: string[]) =>
    `${indent}| ${[...cells, ...Array<string>(width - cells.length).fill("")].join(" | ")} |`;
  return [line(rows[0]), `${indent}|${" --- |".repeat(width)}`, ...rows.slice(1).map(line), ""];
}

/** Rich text (paragraphs, headings, lists, quotes, tables) as Markdown lines. */
export function richTextMarkdown(fragment: Y.XmlFragment | Y.XmlElement, indent = ""): string[] {
  const lines: string[] = [];
  for (const node of fragment.toArray()) {
    if (node instanceof Y.XmlText) {
      lines.push(`${indent}${inlineMarkdown(node)}`, "");
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    switch (node.nodeName) {
      case "heading": {
        const level = headingLevel(node.getAttribute("level"));
        lines.push(`${"#".repeat(Math.min(6, level + 1))} ${blockText(node)}`, "");
        break;
      }
      case "bulletList":
      case "orderedList":
        node.toArray().forEach((item, i) => {
          if (!(item instanceof Y.XmlElement)) return;
          const [first, ...rest] = richTextMarkdown(item, `${indent}  `).filter((l) => l !== "");
          lines.push(
            `${indent}${node.nodeName === "orderedList" ? `${i + 1}.` : "-"} ${first?.trim() ?? ""}`,
            ...rest,
          );
        });
        lines.push("");
        break;
      case "blockquote":
        for (const l of richTextMarkdown(node)) lines.push(l ? `> ${l}` : ">");
        break;
      case "table":
        lines.push(...tableMarkdown(node, indent));
        break;
      case "horizontalRule":
        lines.push(`${indent}---`, "");
        break;
      default:
        lines.push(`${indent}${blockText(node)}`, "");
    }
  }
  return lines;
}
