/**
 * The minutes' rich text (Tiptap's nodes in the `content` XmlFragment, as documents/rich-text.ts
 * reads them) as Word paragraphs and tables: headings become Word headings one level under the
 * paper's own sections, lists Word lists (numbered lists start again at 1 each), tables ruled
 * tables with their merged cells and header row, quotes indented with a rule, and bold, italic,
 * underline, strike-through, code and web links kept.
 */
import {
  BorderStyle,
  ExternalHyperlink,
  HeadingLevel,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import * as Y from "yjs";
import { headingLevel } from "../documents/rich-text.js";
import { BULLETS, fontOf, NUMBERS, TEXT_WIDTH } from "./docx-paper.js";

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[];

const HEADINGS = [
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

/** Only web and mail links stay links. */
function safeHref(mark: unknown): string | null {
  const href = (mark as { href?: unknown } | null)?.href;
  if (typeof href !== "string") return null;
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

interface Context {
  /** Lists opened so far: each numbered list gets its own instance, so it counts from 1. */
  counter: { lists: number };
  /** List levels a block continues under. */
  indent: number;
  /** Inside a quote: indented, with a rule on its left. */
  quote: boolean;
  /** Text of header cells is bold. */
  bold?: boolean;
}

/** Inline code and code blocks: a fixed-width Japanese font. */
const MONO = "ＭＳ ゴシック";

function runs(text: Y.XmlText, ctx: Context): ParagraphChild[] {
  return (text.toDelta() as Delta).flatMap((d): ParagraphChild[] => {
    if (typeof d.insert !== "string" || d.insert === "") return [];
    const a = d.attributes ?? {};
    const parts = d.insert.split("\n");
    const make = (part: string, i: number) =>
      new TextRun({
        text: part,
        ...(i > 0 ? { break: 1 } : {}),
        bold: a.bold || ctx.bold ? true : undefined,
        italics: a.italic ? true : undefined,
        underline: a.underline ? {} : undefined,
        strike: a.strike ? true : undefined,
        ...(a.code ? { font: fontOf(MONO), shading: { type: ShadingType.CLEAR, fill: "F2F4F7" } } : {}),
      });
    const href = a.link ? safeHref(a.link) : null;
    if (href) {
      return [new ExternalHyperlink({ link: href, children: parts.map((p, i) => make(p, i)) })];
    }
    return parts.map(make);
  });
}

/** The inline content of a block: text runs and hard breaks. */
function inline(el: Y.XmlElement, ctx: Context): ParagraphChild[] {
  return el.toArray().flatMap((n): ParagraphChild[] => {
    if (n instanceof Y.XmlText) return runs(n, ctx);
    if (n instanceof Y.XmlElement && n.nodeName === "hardBreak") return [new TextRun({ text: "", break: 1 })];
    if (n instanceof Y.XmlElement) return inline(n, ctx);
    return [];
  });
}

function span(el: Y.XmlElement, name: "colspan" | "rowspan"): number {
  const n = Number(el.getAttribute(name) ?? 1);
  return Number.isInteger(n) && n > 1 && n < 100 ? n : 1;
}

const CELL_LINE = { style: BorderStyle.SINGLE, size: 4, color: "667085" };

function table(el: Y.XmlElement, ctx: Context): Table | null {
  const rows = el
    .toArray()
    .filter((r): r is Y.XmlElement => r instanceof Y.XmlElement && r.nodeName === "tableRow");
  const cellsOf = (r: Y.XmlElement) =>
    r
      .toArray()
      .filter(
        (c): c is Y.XmlElement =>
          c instanceof Y.XmlElement && (c.nodeName === "tableCell" || c.nodeName === "tableHeader"),
      );
  if (rows.length === 0) return null;
  const width = Math.max(1, ...rows.map((r) => cellsOf(r).reduce((n, c) => n + span(c, "colspan"), 0)));
  const column = Math.floor(TEXT_WIDTH / width);
  const headerRow = cellsOf(rows[0]).every((c) => c.nodeName === "tableHeader");
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: column * width, type: WidthType.DXA },
    columnWidths: Array(width).fill(column),
    borders: {
      top: CELL_LINE,
      bottom: CELL_LINE,
      left: CELL_LINE,
      right: CELL_LINE,
      insideHorizontal: CELL_LINE,
      insideVertical: CELL_LINE,
    },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0 && headerRow,
          children: cellsOf(r).map((c) => {
            const header = c.nodeName === "tableHeader";
            const children = blocks(c, { ...ctx, indent: 0, quote: false, bold: header || ctx.bold });
            return new TableCell({
              columnSpan: span(c, "colspan") > 1 ? span(c, "colspan") : undefined,
              rowSpan: span(c, "rowspan") > 1 ? span(c, "rowspan") : undefined,
              shading: header ? { type: ShadingType.CLEAR, fill: "F2F4F7" } : undefined,
              margins: { top: 30, bottom: 30, left: 80, right: 80 },
              children: children.length ? children : [new Paragraph({ children: [] })],
            });
          }),
        }),
    ),
  });
}

function list(el: Y.XmlElement, ctx: Context, level: number): (Paragraph | Table)[] {
  const ordered = el.nodeName === "orderedList";
  const instance = ++ctx.counter.lists;
  const out: (Paragraph | Table)[] = [];
  for (const item of el.toArray()) {
    if (!(item instanceof Y.XmlElement)) continue;
    let first = true;
    for (const child of item.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "bulletList" || child.nodeName === "orderedList") {
        out.push(...list(child, ctx, Math.min(8, level + 1)));
      } else if (first && (child.nodeName === "paragraph" || child.nodeName === "heading")) {
        out.push(
          para(ctx, {
            numbering: { reference: ordered ? NUMBERS : BULLETS, level, ...(ordered ? { instance } : {}) },
            children: inline(child, ctx),
          }),
        );
      } else {
        // The item's further paragraphs (and tables) stay inside it, indented under its text.
        out.push(...block(child, { ...ctx, indent: level + 1 }));
      }
      first = false;
    }
  }
  return out;
}

/** Rich text as Word blocks. */
export function richTextBlocks(fragment: Y.XmlFragment | Y.XmlElement): (Paragraph | Table)[] {
  return blocks(fragment, { counter: { lists: 0 }, indent: 0, quote: false });
}

const STEP = 340;

/** A paragraph placed as the context says: indented under a list item, or inside a quote. */
function para(ctx: Context, o: ConstructorParameters<typeof Paragraph>[0] & object): Paragraph {
  const steps = ctx.indent + (ctx.quote ? 1 : 0);
  return new Paragraph({
    ...o,
    ...(steps > 0 && !o.numbering ? { indent: { left: STEP * steps } } : {}),
    ...(ctx.quote
      ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: "98A2B3", space: 8 } } }
      : {}),
  });
}

function blocks(parent: Y.XmlFragment | Y.XmlElement, ctx: Context): (Paragraph | Table)[] {
  return parent.toArray().flatMap((node) => block(node, ctx));
}

function block(node: Y.XmlElement | Y.XmlText | Y.XmlHook, ctx: Context): (Paragraph | Table)[] {
  if (node instanceof Y.XmlText) return [para(ctx, { children: runs(node, ctx) })];
  if (!(node instanceof Y.XmlElement)) return [];
  switch (node.nodeName) {
    case "heading":
      return [
        para(ctx, {
          heading: HEADINGS[headingLevel(node.getAttribute("level")) - 2],
          children: inline(node, ctx),
        }),
      ];
    case "bulletList":
    case "orderedList":
      return list(node, ctx, Math.min(8, ctx.indent));
    case "table": {
      const t = table(node, ctx);
      return t ? [t, new Paragraph({ children: [] })] : [];
    }
    case "blockquote":
      return blocks(node, { ...ctx, quote: true });
    case "codeBlock":
      return [
        para(ctx, {
          shading: { type: ShadingType.CLEAR, fill: "F2F4F7" },
          children: node
            .toArray()
            .flatMap((n) => (n instanceof Y.XmlText ? n.toString().split("\n") : []))
            .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, font: fontOf(MONO) })),
        }),
      ];
    case "horizontalRule":
      return [
        new Paragraph({
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "98A2B3", space: 1 } },
          children: [],
        }),
      ];
    default:
      return [para(ctx, { children: inline(node, ctx) })];
  }
}
