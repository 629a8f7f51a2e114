/**
 * The demo's questionnaires (アンケート), illustrative and said so: the 研修アンケート of the
 * つむぐ会 of the last three 年度, its satisfaction easing a little as attendance falls, and the
 * 市民公開講座's questionnaire with the ACP questions. Answers are drawn from a fixed-seed
 * generator, so every demo has the same figures.
 */
import {
  type Answers,
  newId,
  type QuestionnaireBody,
  type QuestionnaireTemplate,
  questionnaireFromTemplate,
} from "@tsumugi/domain";
import type { AppContext } from "../context.js";
import { insertAnswer, saveQuestionnaire } from "../events/questionnaire-repository.js";
import type { DemoEvents } from "./demo-events.js";

/** A small deterministic generator (mulberry32). */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An index drawn with the given weights. */
const pick = (random: () => number, weights: readonly number[]) => {
  const total = weights.reduce((x, y) => x + y, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
};

const TRAINING_TEXTS = [
  "デモ用の例：他職種の考え方が聞けて参考になりました。",
  "デモ用の例：退院前カンファレンスの進め方をもっと知りたいです。",
  "デモ用の例：グループワークの時間がもう少し長いとよかったです。",
  "デモ用の例：夜の開催は参加しやすいです。",
  "デモ用の例：顔の見える関係ができ、連絡が取りやすくなりました。",
];
const LECTURE_TEXTS = [
  "デモ用の例：寸劇がわかりやすく、家族と話してみようと思いました。",
  "デモ用の例：人生会議という言葉を初めて知りました。",
  "デモ用の例：相談窓口の連絡先をもう一度教えてほしいです。",
  "デモ用の例：母の介護のことで悩んでいたので参考になりました。",
];

/** One answer to the 研修アンケート of a つむぐ会 whose mood is `shift` (0 good, 1 less so). */
function trainingAnswer(random: () => number, shift: number, texts: string[]): Answers {
  const a: Answers = {
    q1: pick(random, [2, 0.5, 1.5, 4, 1, 7, 2, 1.5, 0.5, 0.5]),
    q2: 1 + pick(random, [0.2, 0.6 + shift, 2 + shift * 2, 6, 6 - shift * 3]),
    q3: 1 + pick(random, [0.2, 0.8 + shift, 2 + shift * 2, 7, 4 - shift * 2]),
    q4: 1 + pick(random, [0.2, 0.6, 2, 6, 4]),
    q5: 1 + pick(random, [0.2, 0.5, 1.5, 5, 6 - shift * 2]),
  };
  if (random() < 0.5) a.q6 = [0, 1, 2, 3, 4, 5].filter(() => random() < 0.3);
  if (Array.isArray(a.q6) && a.q6.length === 0) delete a.q6;
  if (random() < 0.25) a.q7 = texts[Math.floor(random() * texts.length)];
  return a;
}

function lectureAnswer(random: () => number): Answers {
  const knew = pick(random, [2, 5, 4]);
  const a: Answers = {
    q1: pick(random, [0.5, 0.8, 1.5, 3.5, 4, 1.5]),
    q2: 1 + pick(random, [0.2, 0.5, 2, 6, 6]),
    q3: 1 + pick(random, [0.2, 0.7, 2.5, 6, 4]),
    q4: knew,
    // Those who knew ACP well have talked about it more often.
    q5: random() < (knew === 0 ? 0.55 : 0.2) ? 0 : 1,
    q6: pick(random, [7, 1, 2]),
  };
  const wants = [0, 1, 2, 3, 4, 5].filter(() => random() < 0.3);
  if (wants.length) a.q7 = wants;
  if (random() < 0.3) a.q8 = LECTURE_TEXTS[Math.floor(random() * LECTURE_TEXTS.length)];
  return a;
}

async function store(
  ctx: AppContext,
  eventId: string,
  template: QuestionnaireTemplate,
  answers: readonly Answers[],
  startsAt: string,
): Promise<void> {
  const body: QuestionnaireBody = questionnaireFromTemplate(template);
  body.intro = `${body.intro}（デモ用の例：回答は架空です）`;
  // Answers arrive during the hour after the event ends.
  const base = Date.parse(`${startsAt}:00+09:00`) + 2 * 3_600_000;
  await ctx.kysely.transaction().execute(async (trx) => {
    const made = base - 86_400_000;
    await saveQuestionnaire(trx, { eventId, body, open: false, createdAt: made, updatedAt: made });
    for (const [i, a] of answers.entries())
      await insertAnswer(trx, {
        id: newId(),
        eventId,
        deviceHash: `demo-${eventId}-${i}`,
        answers: a,
        createdAt: base + i * 45_000,
      });
  });
}

/** The questionnaires of the demo's events held (answers come after an event). */
export async function seedDemoQuestionnaires(ctx: AppContext, events: DemoEvents): Promise<void> {
  const random = generator(20251116);
  const tsumugi = events.held.filter((e) => e.title.endsWith("介護と医療をつむぐ会") && e.fiscalYear >= 2023);
  for (const [k, e] of tsumugi.entries()) {
    const shift = k / Math.max(1, tsumugi.length - 1);
    const n = 30 - 3 * k;
    const answers = Array.from({ length: n }, () => trainingAnswer(random, shift, TRAINING_TEXTS));
    await store(ctx, e.id, "training", answers, e.startsAt);
  }
  const answers = Array.from({ length: 118 }, () => lectureAnswer(random));
  await store(ctx, events.lecture.id, "publicLecture", answers, events.lecture.startsAt);
}
