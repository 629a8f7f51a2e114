/**
 * Two people typing at the same time into the same place: one plan cell (a 取組 title) and
 * one paragraph of a meeting's minutes. Plain keys with small random pauses interleave from
 * two browser contexts, and Japanese is entered through the IME (CDP
 * Input.imeSetComposition / Input.insertText) while the other person types at the same
 * spot. Every character of both people must be there exactly once and in the order each
 * typed it, no intermediate kana may stay behind, both screens must agree, and a page
 * opened afresh must show the same text from the server.
 */
import type { Browser, BrowserContext, CDPSession, Locator, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type E2EServer, e2eTest } from "./harness.js";
import { eventually, loggedInPage, paragraphTexts, waitForSyncState } from "./pages.js";

const it = e2eTest();

/** A small seeded generator, so the pauses differ between keys but not between runs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (rng: () => number, max = 25) => new Promise((r) => setTimeout(r, Math.floor(rng() * max)));

/** Types `text` one key at a time with small random pauses. */
async function typeSlowly(page: Page, text: string, rng: () => number): Promise<void> {
  for (const ch of text) {
    await page.keyboard.type(ch);
    await pause(rng);
  }
}

/** A word as a Japanese IME enters it: kana growing one by one, converted, then committed. */
interface ImeWord {
  kana: string;
  word: string;
}

async function composeWords(cdp: CDPSession, words: readonly ImeWord[], rng: () => number): Promise<void> {
  for (const { kana, word } of words) {
    for (let i = 1; i <= kana.length; i++) {
      const text = kana.slice(0, i);
      await cdp.send("Input.imeSetComposition", { text, selectionStart: i, selectionEnd: i });
      await pause(rng, 40);
    }
    await cdp.send("Input.imeSetComposition", {
      text: word,
      selectionStart: word.length,
      selectionEnd: word.length,
    });
    await pause(rng, 40);
    await cdp.send("Input.insertText", { text: word });
    await pause(rng, 40);
  }
}

const only = (text: string, chars: string) => [...text].filter((c) => chars.includes(c)).join("");
const without = (text: string, chars: string) => [...text].filter((c) => !chars.includes(c)).join("");

/**
 * What a round must leave: the text before it, with each person's characters added exactly
 * once and in that person's order, and nothing else (no kana left over from a conversion).
 */
function expectMerged(before: string, after: string, first: string, second: string): void {
  for (const c of first + second) expect(before).not.toContain(c);
  expect(only(after, first)).toBe(first);
  expect(only(after, second)).toBe(second);
  expect(without(after, first + second)).toBe(before);
}

interface Person {
  context: BrowserContext;
  page: Page;
}

// ---------------------------------------------------------------------------------------
// A plan cell

const ROW = "病院連携窓口一覧表の活用の検討";

async function openActions(page: Page): Promise<void> {
  await page.getByTestId("tab-plans").click();
  await page.getByTestId("plan-link-2023").click();
  await page.getByTestId("plan-page").waitFor();
  await page.getByTestId("plan-view-actions").click();
  await waitForSyncState(page, "saved");
}

/** The title field of the action whose id is `id` (stable while its title changes). */
function titleOf(page: Page, id: string): Locator {
  return page.locator(`[data-testid="action-row"][data-row-id="${id}"] [data-testid="action-title"]`);
}

async function actionIdByTitle(page: Page, title: string): Promise<string> {
  let id: string | null = null;
  await eventually(async () => {
    const rows = page.getByTestId("action-row");
    for (let i = 0; i < (await rows.count()); i++) {
      if ((await rows.nth(i).getByTestId("action-title").inputValue()) === title) {
        id = await rows.nth(i).getAttribute("data-row-id");
        return true;
      }
    }
    return false;
  }, `the action ${title}`);
  return id as unknown as string;
}

async function caretInField(field: Locator, index: number | "end"): Promise<void> {
  await field.click();
  await field.evaluate((el: HTMLTextAreaElement | HTMLInputElement, index) => {
    const at = index === "end" ? el.value.length : index;
    el.setSelectionRange(at, at);
  }, index);
}

/**
 * Both screens show the same value (as `read` reads it), changed from `before`, and both have
 * saved it (what the value holds is checked by the caller, so a lost key fails with the text to see).
 */
async function screensAgree(
  people: Person[],
  read: (page: Page) => Promise<string>,
  before: string,
  what: string,
): Promise<string> {
  let value = "";
  await eventually(
    async () => {
      const values = await Promise.all(people.map((p) => read(p.page)));
      value = values[0];
      return values.every((v) => v === value) && value !== before;
    },
    `both screens showing the same ${what}`,
    20_000,
  );
  for (const p of people) await waitForSyncState(p.page, "saved");
  return value;
}

async function cellsAgree(people: Person[], id: string, before: string): Promise<string> {
  return screensAgree(people, (page) => titleOf(page, id).inputValue(), before, "title");
}

describe("two people typing into one plan cell at once", () => {
  it("keeps every key of both, in each person's order, on both screens and on the server", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openActions(doctor.page);
    await openActions(nurse.page);
    const id = await actionIdByTitle(doctor.page, ROW);
    const people = [doctor, nurse];
    const rng = random(13);
    const rounds: { a: string; b: string; at: number | "end" }[] = [
      { a: "ABCDEFGHIJKLMNOPQRST", b: "abcdefghijklmnopqrst", at: "end" },
      { a: "UVWXYZ0123456789", b: "uvwxyz!#$%&*+-=?", at: 4 },
      { a: "@^_~()", b: "[]{}<>", at: 0 },
    ];
    let before = ROW;
    for (const round of rounds) {
      await caretInField(titleOf(doctor.page, id), round.at);
      await caretInField(titleOf(nurse.page, id), round.at);
      await Promise.all([typeSlowly(doctor.page, round.a, rng), typeSlowly(nurse.page, round.b, rng)]);
      const after = await cellsAgree(people, id, before);
      expectMerged(before, after, round.a, round.b);
      before = after;
    }

    // A third person opening the plan gets the same title from the server.
    const third = await loggedInPage(browser, server, "ケアマネジャー");
    await openActions(third.page);
    await eventually(
      async () => (await titleOf(third.page, id).inputValue()) === before,
      "the server's copy",
    );
    for (const p of [doctor, nurse, third]) await p.context.close();
  }, 120_000);

  it("keeps IME conversions whole while the other person types at the same spot", async ({
    server,
    browser,
  }) => {
    const doctor = await loggedInPage(browser, server, "医師");
    const nurse = await loggedInPage(browser, server, "訪問看護師");
    await openActions(doctor.page);
    await openActions(nurse.page);
    const title = "急変時における関係者情報連携シートの作成検討";
    const id = await actionIdByTitle(doctor.page, title);
    const people = [doctor, nurse];
    const cdp = await doctor.context.newCDPSession(doctor.page);
    const rng = random(7);
    const word = (kana: string, word: string): ImeWord => ({ kana, word });
    const rounds: { words: ImeWord[]; b: string; at: number | "end" }[] = [
      {
        words: [word("こう", "甲"), word("おつ", "乙"), word("へい", "丙"), word("てい", "丁")],
        b: "ABCDEFGHIJKLMNOP",
        at: 4,
      },
      {
        words: [word("ぼ", "戊"), word("き", "己"), word("こう", "庚"), word("しん", "辛")],
        b: "abcdefghijklmnop",
        at: "end",
      },
      {
        words: [word("じん", "壬"), word("き", "癸"), word("ね", "子"), word("うし", "丑")],
        b: "QRSTUVWXYZqrstuv",
        at: 0,
      },
    ];
    let before = title;
    for (const round of rounds) {
      await caretInField(titleOf(doctor.page, id), round.at);
      await caretInField(titleOf(nurse.page, id), round.at);
      const committed = round.words.map((w) => w.word).join("");
      await Promise.all([composeWords(cdp, round.words, rng), typeSlowly(nurse.page, round.b, rng)]);
      const after = await cellsAgree(people, id, before);
      expectMerged(before, after, committed, round.b);
      before = after;
    }
    await doctor.page.reload();
    await openActionsAfterReload(doctor.page);
    expect(await titleOf(doctor.page, id).inputValue()).toBe(before);
    for (const p of people) await p.context.close();
  }, 120_000);
});

async function openActionsAfterReload(page: Page): Promise<void> {
  await page.getByTestId("plan-page").waitFor();
  await waitForSyncState(page, "saved");
  await page.getByTestId("action-row").first().waitFor();
}

// ---------------------------------------------------------------------------------------
// A paragraph of the minutes

const MEETING = "令和5年度 第2回 連携会議";

async function openMinutes(page: Page): Promise<void> {
  await page.getByTestId("tab-meetings").click();
  await page.getByTestId("meetings-year").selectOption("2023");
  await page.getByTestId("meeting-link").filter({ hasText: MEETING }).click();
  await page.getByTestId("meeting-page").waitFor();
  await page.getByTestId("meeting-tab-minutes").click();
  await page.getByTestId("editor").waitFor();
  await waitForSyncState(page, "saved");
}

/** Puts the caret right after the first occurrence of `text` in the minutes. */
async function caretAfterText(page: Page, text: string): Promise<void> {
  await page.getByTestId("editor").click();
  await page.getByTestId("editor").evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n.nodeValue ?? "").indexOf(text);
      if (i >= 0) {
        getSelection()?.collapse(n, i + text.length);
        return;
      }
    }
    throw new Error(`"${text}" is not in the minutes`);
  }, text);
  // Let ProseMirror read the new selection before keys arrive.
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
}

async function caretAtEndOf(page: Page, marker: string): Promise<void> {
  await page.getByTestId("editor").locator("p", { hasText: marker }).click();
  await page.keyboard.press("End");
}

async function paragraphWith(page: Page, marker: string): Promise<string> {
  return (await paragraphTexts(page)).find((p) => p.includes(marker)) ?? "";
}

async function paragraphsAgree(people: Person[], marker: string, before: string): Promise<string> {
  return screensAgree(people, (page) => paragraphWith(page, marker), before, "paragraph");
}

/** The doctor and the nurse on the same minutes; the doctor has typed `line` as a new last paragraph. */
async function bothOnMinutes(browser: Browser, server: E2EServer, line: string): Promise<[Person, Person]> {
  const doctor = await loggedInPage(browser, server, "医師");
  const nurse = await loggedInPage(browser, server, "訪問看護師");
  await openMinutes(doctor.page);
  await openMinutes(nurse.page);
  await doctor.page.getByTestId("editor").click();
  await doctor.page.keyboard.press("Control+End");
  await doctor.page.keyboard.press("Enter");
  await doctor.page.keyboard.type(line);
  return [doctor, nurse];
}

describe("two people typing into one paragraph of the minutes at once", () => {
  it("keeps every key and every IME conversion of both, on both screens and on the server", async ({
    server,
    browser,
  }) => {
    const marker = "【同時入力】";
    const [doctor, nurse] = await bothOnMinutes(browser, server, `${marker}退院支援と連携`);
    const people = [doctor, nurse];
    let before = await paragraphsAgree(people, marker, "");
    const rng = random(29);

    // Plain keys, both at the end of the paragraph, then both right after the marker.
    for (const round of [
      { a: "ABCDEFGHIJKLMNOPQRST", b: "abcdefghijklmnopqrst", after: null },
      { a: "UVWXY0123456789", b: "uvwxyz!#$%&*+-=", after: marker },
    ]) {
      for (const p of people) {
        if (round.after) await caretAfterText(p.page, round.after);
        else await caretAtEndOf(p.page, marker);
      }
      await Promise.all([typeSlowly(doctor.page, round.a, rng), typeSlowly(nurse.page, round.b, rng)]);
      const after = await paragraphsAgree(people, marker, before);
      expectMerged(before, after, round.a, round.b);
      before = after;
    }

    // The doctor converts with the IME where the nurse is typing (「連携Zしーシート」 before).
    const cdp = await doctor.context.newCDPSession(doctor.page);
    for (const round of [
      {
        words: [
          { kana: "しーと", word: "シート" },
          { kana: "こう", word: "甲" },
        ],
        b: "Z",
      },
      {
        words: [
          { kana: "おつ", word: "乙" },
          { kana: "へい", word: "丙" },
          { kana: "てい", word: "丁" },
        ],
        b: "@^_~()[]{}<>;:/",
      },
    ]) {
      await caretAfterText(doctor.page, "連携");
      await caretAfterText(nurse.page, "連携");
      const committed = round.words.map((w) => w.word).join("");
      await Promise.all([
        composeWords(cdp, round.words, rng),
        (async () => {
          // The nurse starts once the doctor's first kana (or word) are on her screen.
          const first = round.words[0];
          await eventually(async () => {
            const p = await paragraphWith(nurse.page, marker);
            return p.includes(first.kana[0]) || p.includes(first.word);
          }, "the doctor's input at the nurse");
          await typeSlowly(nurse.page, round.b, rng);
        })(),
      ]);
      const after = await paragraphsAgree(people, marker, before);
      expectMerged(before, after, committed, round.b);
      before = after;
    }

    await doctor.page.reload();
    await doctor.page.getByTestId("editor").waitFor();
    await waitForSyncState(doctor.page, "saved");
    await eventually(async () => (await paragraphWith(doctor.page, marker)) === before, "the server's copy");
    for (const p of people) await p.context.close();
  }, 180_000);

  it("keeps a colleague's key typed in the middle of the other's uncommitted kana", async ({
    server,
    browser,
  }) => {
    const marker = "【かなの途中】";
    const [doctor, nurse] = await bothOnMinutes(browser, server, marker);
    const people = [doctor, nurse];
    const before = await paragraphsAgree(people, marker, "");
    const cdp = await doctor.context.newCDPSession(doctor.page);
    for (const text of ["ち", "ちい", "ちいき"]) {
      await cdp.send("Input.imeSetComposition", {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
    }
    await eventually(
      async () => (await paragraphWith(nurse.page, marker)).includes("ちいき"),
      "kana at the nurse",
    );
    await caretAfterText(nurse.page, `${marker}ち`);
    await nurse.page.keyboard.type("Q");
    await waitForSyncState(nurse.page, "saved");
    await cdp.send("Input.imeSetComposition", { text: "地域", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "地域" });
    const after = await paragraphsAgree(people, marker, before);
    expectMerged(before, after, "地域", "Q");
    for (const p of people) await p.context.close();
  }, 90_000);
});
