/**
 * What every Word paper of Tsumugi shares, as a Japanese office's template has it: A4
 * portrait with a left binding margin, 游明朝 for the text and 游ゴシック for headings (fonts
 * every Japanese Windows has since 8.1), the East Asian font named in the run properties and
 * the text marked Japanese (ja-JP) so Word picks the Japanese font, line breaking and
 * punctuation rules, and headings Word's navigation pane lists.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  Header,
  HeadingLevel,
  type IRunOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";

export const MINCHO = "游明朝";
export const GOTHIC = "游ゴシック";

/** The East Asian font named for every kind of character, Japanese chosen where Word hesitates. */
export function fontOf(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: "eastAsia" };
}

const JAPANESE = { value: "en-US", eastAsia: "ja-JP" };

/** A4 portrait, in twips. */
export const A4 = { width: 11906, height: 16838 } as const;

/** Margins as a Japanese office prints: wider on the left, where papers are bound. */
export const MARGINS_MM = { top: 30, right: 25, bottom: 25, left: 30, header: 15, footer: 12 } as const;

/** The writable width of the page, in twips. */
export const TEXT_WIDTH = A4.width - convertMillimetersToTwip(MARGINS_MM.left + MARGINS_MM.right);

/** Half-points (Word's unit for font sizes): 10.5pt → 21. */
export const pt = (points: number) => Math.round(points * 2);

export const BULLETS = "bullets";
export const NUMBERS = "numbers";

/** Lists: 「・」 bullets and 1. 2. numbers, nine levels, each indented one more step. */
function numbering() {
  const indent = (level: number) => ({
    paragraph: {
      indent: { left: convertMillimetersToTwip(6 * (level + 1)), hanging: convertMillimetersToTwip(5) },
    },
  });
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format,
      text: text(level),
      alignment: AlignmentType.LEFT,
      style: indent(level),
    }));
  return {
    config: [
      { reference: BULLETS, levels: levels(LevelFormat.BULLET, (l) => (l % 2 === 0 ? "・" : "◦")) },
      {
        reference: NUMBERS,
        levels: levels(LevelFormat.DECIMAL, (l) => (l % 2 === 0 ? `%${l + 1}.` : `(%${l + 1})`)),
      },
    ],
  };
}

function styles(bodySize: number) {
  const heading = (size: number, before: number) => ({
    run: { font: fontOf(GOTHIC), size: pt(size), bold: true, color: "000000" },
    paragraph: { spacing: { before, after: 60 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        run: { font: fontOf(MINCHO), size: pt(bodySize), language: JAPANESE },
        paragraph: { spacing: { line: 276, after: 0 } },
      },
      title: {
        run: { font: fontOf(GOTHIC), size: pt(14), bold: true, color: "000000" },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
      },
      heading1: heading(11.5, 240),
      heading2: heading(11, 180),
      heading3: heading(10.5, 120),
      heading4: heading(10.5, 120),
      heading5: heading(10.5, 120),
      heading6: heading(10.5, 120),
      listParagraph: { run: { font: fontOf(MINCHO) } },
      hyperlink: { run: { color: "0563C1", underline: {} } },
    },
  };
}

export interface PaperOptions {
  title: string;
  /** The municipality, written as the file's author. */
  author: string;
  bodySize: number;
  children: (Paragraph | Table)[];
  /** Small text at the top of every page (municipality and title). */
  header?: string;
  /** 「1 / 3」 page numbers at the bottom of every page. */
  pageNumbers?: boolean;
}

export async function paperDocx(o: PaperOptions): Promise<Buffer> {
  const small = { size: pt(8), color: "344054" };
  const doc = new Document({
    title: o.title,
    creator: o.author,
    lastModifiedBy: o.author,
    styles: styles(o.bodySize),
    numbering: numbering(),
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: {
              top: convertMillimetersToTwip(MARGINS_MM.top),
              right: convertMillimetersToTwip(MARGINS_MM.right),
              bottom: convertMillimetersToTwip(MARGINS_MM.bottom),
              left: convertMillimetersToTwip(MARGINS_MM.left),
              header: convertMillimetersToTwip(MARGINS_MM.header),
              footer: convertMillimetersToTwip(MARGINS_MM.footer),
            },
          },
        },
        headers: o.header
          ? {
              default: new Header({
                children: [new Paragraph({ children: [new TextRun({ text: o.header, ...small })] })],
              }),
            }
          : undefined,
        footers: o.pageNumbers
          ? {
              default: new Footer({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: [
                      new TextRun({
                        children: [PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES, " ページ"],
                        ...small,
                      }),
                    ],
                  }),
                ],
              }),
            }
          : undefined,
        children: o.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A paragraph of plain text, line breaks kept. */
export function textParagraph(
  text: string,
  opts: {
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    run?: IRunOptions;
    spacingAfter?: number;
    indentLeft?: number;
  } = {},
): Paragraph {
  const parts = text.split("\n");
  const children: ParagraphChild[] = parts.map(
    (part, i) => new TextRun({ text: part, ...(i > 0 ? { break: 1 } : {}), ...(opts.run ?? {}) }),
  );
  return new Paragraph({
    alignment: opts.alignment,
    children,
    spacing: opts.spacingAfter !== undefined ? { after: opts.spacingAfter } : undefined,
    indent: opts.indentLeft !== undefined ? { left: opts.indentLeft } : undefined,
  });
}

export const emptyLine = () => new Paragraph({ children: [] });

export function heading(text: string, level: 1 | 2 | 3 = 1): Paragraph {
  const headingLevel =
    level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: headingLevel, children: [new TextRun(text)] });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "667085" };
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

export interface GridCell {
  lines: string[];
  /** A label cell: shaded, in the heading font. */
  label?: boolean;
  columnSpan?: number;
  rowSpan?: number;
}

/**
 * A table of labels and values (the minutes' header, the notice's 記), column widths in mm
 * (the last column takes the rest); ruled or borderless.
 */
export function gridTable(rows: GridCell[][], widthsMm: number[], opts: { ruled: boolean }): Table {
  const fixed = widthsMm.map((mm) => convertMillimetersToTwip(mm));
  const columnWidths = [...fixed, TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0)];
  const border = opts.ruled ? LINE : NONE;
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (cell) =>
              new TableCell({
                columnSpan: cell.columnSpan,
                rowSpan: cell.rowSpan,
                verticalAlign: cell.label && opts.ruled ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
                shading: cell.label && opts.ruled ? { fill: "F2F4F7" } : undefined,
                margins: opts.ruled
                  ? { top: 40, bottom: 40, left: 100, right: 100 }
                  : { top: 0, bottom: 60, left: 0, right: 80 },
                children: (cell.lines.length ? cell.lines : [""]).map(
                  (line) =>
                    new Paragraph({
                      children: [
                        new TextRun({ text: line, ...(cell.label ? { font: fontOf(GOTHIC) } : {}) }),
                      ],
                    }),
                ),
              }),
          ),
        }),
    ),
  });
}
