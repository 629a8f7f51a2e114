/**
 * The 開催通知 and the 議事録 as Word files, from the papers the domain writes
 * (`noticePaper`, `minutesPaper`): the same words the print view shows.
 */
import { bodyLineText, type MinutesPaper, type NoticePaper, PAPER_TEXT } from "@tsumugi/domain";
import { AlignmentType, convertMillimetersToTwip, HeadingLevel, Paragraph, TabStopType, TextRun } from "docx";
import type * as Y from "yjs";
import {
  emptyLine,
  type GridCell,
  gridTable,
  heading,
  NUMBERS,
  paperDocx,
  pt,
  TEXT_WIDTH,
  textParagraph,
} from "./docx-paper.js";
import { richTextBlocks } from "./rich-text-docx.js";

/** 1　日時 …: the notice's 記, numbered as officials number it. */
function noticeItems(paper: NoticePaper) {
  return gridTable(
    paper.items.map((item, i) => [
      { lines: [`${i + 1}　${item.label}`], label: true },
      { lines: item.lines },
    ]),
    [34],
    { ruled: false },
  );
}

export function noticeDocx(paper: NoticePaper, author: string): Promise<Buffer> {
  const right = { alignment: AlignmentType.RIGHT } as const;
  return paperDocx({
    title: paper.title,
    author,
    bodySize: 11,
    children: [
      textParagraph(paper.numberLine, right),
      textParagraph(paper.dateLine, right),
      emptyLine(),
      textParagraph(paper.addressee),
      emptyLine(),
      ...paper.senderLines.map((line) => textParagraph(line, right)),
      emptyLine(),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: paper.title, size: pt(12), bold: true })],
      }),
      textParagraph(`　${paper.body}`, { spacingAfter: 240 }),
      textParagraph(PAPER_TEXT.ki, { alignment: AlignmentType.CENTER, spacingAfter: 240 }),
      noticeItems(paper),
      emptyLine(),
      textParagraph(PAPER_TEXT.end, right),
    ],
  });
}

/** The header of the minutes: 日時, 場所, 出席者 (委員・オブザーバー・事務局), 欠席者. */
function minutesFacts(paper: MinutesPaper) {
  const lines = (list: { organization: string; names: string[] }[]) =>
    list.length ? list.map(bodyLineText) : [PAPER_TEXT.none];
  const { people } = paper;
  const attendedRows: [string, string[]][] = [
    [PAPER_TEXT.members, lines(people.members)],
    ...(people.observers.length
      ? [[PAPER_TEXT.observers, lines(people.observers)] as [string, string[]]]
      : []),
    [PAPER_TEXT.secretariatRole, lines(people.secretariat)],
  ];
  const rows: GridCell[][] = [
    ...paper.facts.map((f) => [{ lines: [f.label], label: true, columnSpan: 2 }, { lines: f.lines }]),
    ...attendedRows.map(([role, value], i) => [
      ...(i === 0 ? [{ lines: [PAPER_TEXT.attended], label: true, rowSpan: attendedRows.length }] : []),
      { lines: [role], label: true },
      { lines: value },
    ]),
    [{ lines: [PAPER_TEXT.absent], label: true, columnSpan: 2 }, { lines: lines(people.absent) }],
  ];
  return gridTable(rows, [18, 28], { ruled: true });
}

function signature(paper: MinutesPaper): Paragraph[] {
  if (!paper.signature) return [];
  const { statement, dateLine, signers } = paper.signature;
  const lineStart = convertMillimetersToTwip(70);
  return [
    emptyLine(),
    new Paragraph({ keepNext: true, children: [new TextRun(`　${statement}`)] }),
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 240 },
      children: [new TextRun(dateLine)],
    }),
    ...Array.from(
      { length: signers },
      (_, i) =>
        new Paragraph({
          keepNext: i < signers - 1,
          spacing: { before: 360 },
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: "underscore" }],
          indent: { left: lineStart },
          children: [new TextRun(`${PAPER_TEXT.signer}　`), new TextRun({ children: ["\t"] })],
        }),
    ),
  ];
}

export function minutesDocx(
  paper: MinutesPaper,
  minutes: Y.XmlFragment,
  opts: { author: string; header: string },
): Promise<Buffer> {
  const proceedings = richTextBlocks(minutes);
  return paperDocx({
    title: paper.title + (paper.draft ? PAPER_TEXT.draftMark : ""),
    author: opts.author,
    bodySize: 10.5,
    header: opts.header,
    pageNumbers: true,
    children: [
      new Paragraph({
        heading: HeadingLevel.TITLE,
        children: [new TextRun(paper.title + (paper.draft ? PAPER_TEXT.draftMark : ""))],
      }),
      minutesFacts(paper),
      heading(PAPER_TEXT.agenda),
      ...(paper.agenda.length
        ? paper.agenda.map((line) => textParagraph(line, { indentLeft: convertMillimetersToTwip(4) }))
        : [textParagraph(PAPER_TEXT.none)]),
      heading(PAPER_TEXT.proceedings),
      ...(proceedings.length ? proceedings : [textParagraph(PAPER_TEXT.none)]),
      // Each outcome list counts from 1 (instances apart from the minutes' own lists).
      ...paper.outcomes.flatMap((o, k) => [
        heading(o.heading),
        ...o.items.map(
          (text) =>
            new Paragraph({
              numbering: { reference: NUMBERS, level: 0, instance: 10_000 + k },
              children: [new TextRun(text)],
            }),
        ),
      ]),
      ...signature(paper),
    ],
  });
}
