/**
 * Opens a .docx the way a test needs to look into it: the zip's parts, and the main document
 * read as Word does — paragraphs (text with breaks and tabs, style, numbering, alignment),
 * tables (rows of cells with their spans) in body order, the page's size and margins, and the
 * fonts and language of the styles.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export interface DocxParagraph {
  text: string;
  style: string | null;
  /** The list the paragraph is in: its numbering id and level. */
  numbering: { id: string; level: number } | null;
  alignment: string | null;
}

export interface DocxCell {
  text: string;
  paragraphs: string[];
  columnSpan: number;
  /** "restart" where a vertical merge starts, "continue" below it, null otherwise. */
  verticalMerge: string | null;
}

export type DocxBlock = ({ kind: "paragraph" } & DocxParagraph) | { kind: "table"; rows: DocxCell[][] };

export interface OpenedDocx {
  parts: string[];
  xml(part: string): Element;
  blocks: DocxBlock[];
  paragraphs: DocxParagraph[];
  tables: DocxCell[][][];
  /** Every text of the body, one paragraph a line (tables' cells too). */
  text: string;
  page: { width: number; height: number; margins: Record<string, number> };
}

const children = (el: Element, local: string): Element[] =>
  Array.from(el.childNodes).filter(
    (n): n is Element =>
      n.nodeType === 1 && (n as Element).localName === local && (n as Element).namespaceURI === W,
  );
const child = (el: Element, local: string): Element | null => children(el, local)[0] ?? null;
const attr = (el: Element | null, name: string): string | null => el?.getAttributeNS(W, name) || null;

function runText(r: Element): string {
  let out = "";
  for (const n of Array.from(r.childNodes)) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.localName === "t") out += e.textContent ?? "";
    else if (e.localName === "br") out += "\n";
    else if (e.localName === "tab") out += "\t";
    else if (e.localName === "fldSimple" || e.localName === "instrText") out += "";
  }
  return out;
}

function paragraphText(p: Element): string {
  let out = "";
  const walk = (el: Element) => {
    for (const n of Array.from(el.childNodes)) {
      if (n.nodeType !== 1) continue;
      const e = n as Element;
      if (e.localName === "r") out += runText(e);
      else if (e.localName === "hyperlink" || e.localName === "ins" || e.localName === "smartTag") walk(e);
    }
  };
  walk(p);
  return out;
}

function paragraph(p: Element): DocxParagraph {
  const pPr = child(p, "pPr");
  const numPr = pPr && child(pPr, "numPr");
  return {
    text: paragraphText(p),
    style: attr(pPr && child(pPr, "pStyle"), "val"),
    numbering: numPr
      ? {
          id: attr(child(numPr, "numId"), "val") ?? "",
          level: Number(attr(child(numPr, "ilvl"), "val") ?? 0),
        }
      : null,
    alignment: attr(pPr && child(pPr, "jc"), "val"),
  };
}

function table(tbl: Element): DocxCell[][] {
  return children(tbl, "tr").map((tr) =>
    children(tr, "tc").map((tc) => {
      const tcPr = child(tc, "tcPr");
      const paragraphs = children(tc, "p").map(paragraphText);
      const vMerge = tcPr && child(tcPr, "vMerge");
      return {
        text: paragraphs.join("\n"),
        paragraphs,
        columnSpan: Number(attr(tcPr && child(tcPr, "gridSpan"), "val") ?? 1),
        verticalMerge: vMerge ? (attr(vMerge, "val") ?? "continue") : null,
      };
    }),
  );
}

export function openDocx(data: Uint8Array): OpenedDocx {
  const files = unzipSync(data);
  const parse = (part: string): Element => {
    const bytes = files[part];
    if (!bytes) throw new Error(`no part ${part} in the file`);
    return new DOMParser().parseFromString(strFromU8(bytes), "text/xml")
      .documentElement as unknown as Element;
  };
  const document = parse("word/document.xml");
  const body = child(document, "body");
  if (!body) throw new Error("no body");
  const blocks: DocxBlock[] = [];
  for (const n of Array.from(body.childNodes)) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.localName === "p") blocks.push({ kind: "paragraph", ...paragraph(e) });
    if (e.localName === "tbl") blocks.push({ kind: "table", rows: table(e) });
  }
  const sectPr = child(body, "sectPr");
  const pgSz = sectPr && child(sectPr, "pgSz");
  const pgMar = sectPr && child(sectPr, "pgMar");
  const margins: Record<string, number> = {};
  for (const side of ["top", "right", "bottom", "left", "header", "footer"])
    margins[side] = Number(attr(pgMar, side));
  const paragraphs = blocks.filter((b): b is { kind: "paragraph" } & DocxParagraph => b.kind === "paragraph");
  const tables = blocks.filter((b) => b.kind === "table").map((b) => (b as { rows: DocxCell[][] }).rows);
  return {
    parts: Object.keys(files),
    xml: parse,
    blocks,
    paragraphs,
    tables,
    text: blocks
      .map((b) =>
        b.kind === "paragraph" ? b.text : b.rows.map((r) => r.map((c) => c.text).join("\t")).join("\n"),
      )
      .join("\n"),
    page: { width: Number(attr(pgSz, "w")), height: Number(attr(pgSz, "h")), margins },
  };
}

/** The fonts (rFonts) and language of the run properties of a style, or of the document defaults. */
export function runFontsOf(styles: Element, styleId: string | null): Record<string, string | null> {
  let rPr: Element | null = null;
  if (styleId === null) {
    const defaults = child(styles, "docDefaults");
    const rPrDefault = defaults && child(defaults, "rPrDefault");
    rPr = rPrDefault && child(rPrDefault, "rPr");
  } else {
    const style = children(styles, "style").find((s) => attr(s, "styleId") === styleId);
    rPr = style ? child(style, "rPr") : null;
  }
  const fonts = rPr && child(rPr, "rFonts");
  const lang = rPr && child(rPr, "lang");
  return {
    ascii: attr(fonts, "ascii"),
    hAnsi: attr(fonts, "hAnsi"),
    eastAsia: attr(fonts, "eastAsia"),
    hint: attr(fonts, "hint"),
    langEastAsia: attr(lang, "eastAsia"),
  };
}
