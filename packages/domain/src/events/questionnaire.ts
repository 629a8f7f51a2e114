/**
 * Questionnaires (アンケート) of trainings and lectures: what a questionnaire may hold, the two
 * Japanese templates (研修アンケート, 市民公開講座アンケート), checking one answer against its
 * questionnaire, and the results (counts, averages, free-text lists) and the figures compared
 * across the events of a series (満足度, 理解度, ACP を話し合った人の割合).
 */
import { PROFESSIONS } from "./vocabulary.js";

export const QUESTION_TYPES = ["single", "multiple", "scale", "text"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * What a question measures, for the indicators and the comparison across a series:
 * satisfaction, understanding and understandingBefore (the same question asked about before
 * the training) are 5-point scales; acpTalk is a single choice whose FIRST option means "has
 * talked with family about ACP"; profession is the single choice of the answerer's 職種, by
 * which the results are broken down.
 */
export const QUESTION_MEASURES = [
  "satisfaction",
  "understanding",
  "understandingBefore",
  "acpTalk",
  "profession",
] as const;
export type QuestionMeasure = (typeof QUESTION_MEASURES)[number];

export interface Question {
  /** Short id, unique within the questionnaire ("q1"). */
  id: string;
  type: QuestionType;
  text: string;
  /** Choices (single/multiple), or the five labels of a scale from 1 (low) to 5 (high). */
  options: string[];
  required: boolean;
  measure: QuestionMeasure | null;
}

export interface QuestionnaireBody {
  title: string;
  /** Shown above the questions (e.g. 今後の研修の参考にさせていただきます). */
  intro: string;
  questions: Question[];
}

export const QUESTIONNAIRE_LIMITS = {
  title: 100,
  intro: 500,
  questions: 30,
  questionText: 200,
  options: 12,
  optionText: 100,
  /** A free-text answer. */
  answerText: 1000,
} as const;

export const SCALE_POINTS = 5;

const QUESTION_ID = /^[a-z][a-z0-9]{0,15}$/;

/** Measures carried by a single choice; the others by a 5-point scale. */
const CHOICE_MEASURES: ReadonlySet<string> = new Set<QuestionMeasure>(["acpTalk", "profession"]);

export type QuestionnaireProblem =
  | { path: string; code: "required" | "tooLong" | "unknown" | "format" | "tooMany" | "duplicate" }
  | { path: string; code: "options" };

/**
 * Problems of a questionnaire as written in the builder, each at a path such as
 * `questions.2.options`: empty or too long texts, too many questions, a scale without exactly
 * five labels, a choice question without at least two choices, duplicate ids, a measure on a
 * question of the wrong type, or a measure used twice.
 */
export function questionnaireProblems(body: QuestionnaireBody): QuestionnaireProblem[] {
  const out: QuestionnaireProblem[] = [];
  const L = QUESTIONNAIRE_LIMITS;
  const text = (path: string, value: string, max: number) => {
    if (value.trim() === "") out.push({ path, code: "required" });
    else if (value.length > max) out.push({ path, code: "tooLong" });
  };
  text("title", body.title, L.title);
  if (body.intro.length > L.intro) out.push({ path: "intro", code: "tooLong" });
  if (body.questions.length === 0) out.push({ path: "questions", code: "required" });
  if (body.questions.length > L.questions) out.push({ path: "questions", code: "tooMany" });
  const ids = new Set<string>();
  const measures = new Set<QuestionMeasure>();
  body.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (!QUESTION_ID.test(q.id)) out.push({ path: `${at}.id`, code: "format" });
    else if (ids.has(q.id)) out.push({ path: `${at}.id`, code: "duplicate" });
    ids.add(q.id);
    if (!(QUESTION_TYPES as readonly string[]).includes(q.type))
      out.push({ path: `${at}.type`, code: "unknown" });
    text(`${at}.text`, q.text, L.questionText);
    if (q.type === "text") {
      if (q.options.length > 0) out.push({ path: `${at}.options`, code: "options" });
    } else if (q.type === "scale") {
      if (q.options.length !== SCALE_POINTS) out.push({ path: `${at}.options`, code: "options" });
    } else if (q.options.length < 2 || q.options.length > L.options) {
      out.push({ path: `${at}.options`, code: "options" });
    }
    q.options.forEach((o, j) => {
      text(`${at}.options.${j}`, o, L.optionText);
    });
    if (new Set(q.options.map((o) => o.trim())).size !== q.options.length && q.options.every((o) => o.trim()))
      out.push({ path: `${at}.options`, code: "duplicate" });
    if (q.measure !== null) {
      const fits = CHOICE_MEASURES.has(q.measure) ? q.type === "single" : q.type === "scale";
      if (!(QUESTION_MEASURES as readonly string[]).includes(q.measure) || !fits)
        out.push({ path: `${at}.measure`, code: "unknown" });
      else if (measures.has(q.measure)) out.push({ path: `${at}.measure`, code: "duplicate" });
      measures.add(q.measure);
    }
  });
  return out;
}

/** One person's answer: an option index (single), indices (multiple), 1–5 (scale), or text. */
export type AnswerValue = number | number[] | string;
export type Answers = Record<string, AnswerValue>;

export type AnswerProblem = { questionId: string; code: "required" | "format" | "tooLong" };

/**
 * Reads one submitted answer against the questionnaire: only its questions, each of the right
 * shape; required questions answered. Unanswered optional questions are left out.
 */
export function readAnswers(
  body: QuestionnaireBody,
  raw: Record<string, unknown>,
): { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  for (const q of body.questions) {
    const v = raw[q.id];
    const blank =
      v === undefined ||
      v === null ||
      v === "" ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === "string" && v.trim() === "");
    if (blank) {
      if (q.required) problems.push({ questionId: q.id, code: "required" });
      continue;
    }
    const index = (x: unknown, n: number) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < n;
    if (q.type === "single") {
      if (!index(v, q.options.length)) problems.push({ questionId: q.id, code: "format" });
      else answers[q.id] = v as number;
    } else if (q.type === "multiple") {
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => index(x, q.options.length)) || new Set(list).size !== list.length)
        problems.push({ questionId: q.id, code: "format" });
      else answers[q.id] = [...(list as number[])].sort((a, b) => a - b);
    } else if (q.type === "scale") {
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > SCALE_POINTS)
        problems.push({ questionId: q.id, code: "format" });
      else answers[q.id] = v as number;
    } else {
      if (typeof v !== "string") problems.push({ questionId: q.id, code: "format" });
      else if (v.length > QUESTIONNAIRE_LIMITS.answerText)
        problems.push({ questionId: q.id, code: "tooLong" });
      else answers[q.id] = v.trim();
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

export interface QuestionResult {
  questionId: string;
  type: QuestionType;
  text: string;
  options: string[];
  /** How many answered this question. */
  answered: number;
  /** Per option (single, multiple) or per point 1–5 (scale); empty for text. */
  counts: number[];
  /** Scale only: the mean of the points given, or null when nobody answered. */
  mean: number | null;
  /** Text only: the answers, in the order given. */
  texts: string[];
}

export interface QuestionnaireResults {
  answers: number;
  questions: QuestionResult[];
  measures: Measures;
  /**
   * The answers by the answerer's 職種 (the question measuring `profession`), one row per
   * choice in its order, with the means of satisfaction and understanding within it; empty
   * when the questionnaire does not ask the 職種.
   */
  byProfession: ProfessionBreakdown[];
}

export interface ProfessionBreakdown {
  profession: string;
  answers: number;
  satisfaction: number | null;
  understanding: number | null;
}

/** The figures compared across events and used by the indicators. */
export interface Measures {
  /** Mean of the satisfaction scale (1–5). */
  satisfaction: number | null;
  understanding: number | null;
  /** Understanding before the training, as the answerers recall it (研修前後の理解度). */
  understandingBefore: number | null;
  /** Share (0–1) of those asked who have talked with family about ACP. */
  acpTalkRate: number | null;
  /** How many answered the ACP question. */
  acpTalkAnswered: number;
}

export function questionnaireResults(
  body: QuestionnaireBody,
  answers: readonly Answers[],
): QuestionnaireResults {
  const questions = body.questions.map((q): QuestionResult => {
    const counts =
      q.type === "text"
        ? []
        : new Array<number>(q.type === "scale" ? SCALE_POINTS : q.options.length).fill(0);
    const texts: string[] = [];
    let answered = 0;
    let sum = 0;
    for (const a of answers) {
      const v = a[q.id];
      if (v === undefined) continue;
      if (q.type === "text") {
        if (typeof v === "string" && v !== "") {
          texts.push(v);
          answered++;
        }
        continue;
      }
      if (q.type === "multiple") {
        if (!Array.isArray(v)) continue;
        let any = false;
        for (const i of v)
          if (i >= 0 && i < counts.length) {
            counts[i]++;
            any = true;
          }
        if (any) answered++;
        continue;
      }
      if (typeof v !== "number") continue;
      const slot = q.type === "scale" ? v - 1 : v;
      if (slot < 0 || slot >= counts.length) continue;
      counts[slot]++;
      answered++;
      if (q.type === "scale") sum += v;
    }
    return {
      questionId: q.id,
      type: q.type,
      text: q.text,
      options: q.options,
      answered,
      counts,
      mean: q.type === "scale" && answered > 0 ? sum / answered : null,
      texts,
    };
  });
  const byMeasure = (m: QuestionMeasure) => {
    const i = body.questions.findIndex((q) => q.measure === m);
    return i < 0 ? undefined : questions[i];
  };
  const acp = byMeasure("acpTalk");
  return {
    answers: answers.length,
    questions,
    measures: {
      satisfaction: byMeasure("satisfaction")?.mean ?? null,
      understanding: byMeasure("understanding")?.mean ?? null,
      understandingBefore: byMeasure("understandingBefore")?.mean ?? null,
      acpTalkRate: acp && acp.answered > 0 ? acp.counts[0] / acp.answered : null,
      acpTalkAnswered: acp?.answered ?? 0,
    },
    byProfession: professionBreakdown(body, answers),
  };
}

function professionBreakdown(body: QuestionnaireBody, answers: readonly Answers[]): ProfessionBreakdown[] {
  const profession = body.questions.find((q) => q.measure === "profession");
  if (!profession) return [];
  const scaleOf = (m: QuestionMeasure) => body.questions.find((q) => q.measure === m)?.id;
  const satisfaction = scaleOf("satisfaction");
  const understanding = scaleOf("understanding");
  const mean = (list: readonly Answers[], id: string | undefined) => {
    if (id === undefined) return null;
    const points = list.map((a) => a[id]).filter((v): v is number => typeof v === "number");
    return points.length ? points.reduce((x, y) => x + y, 0) / points.length : null;
  };
  return profession.options.map((label, i) => {
    const mine = answers.filter((a) => a[profession.id] === i);
    return {
      profession: label,
      answers: mine.length,
      satisfaction: mean(mine, satisfaction),
      understanding: mean(mine, understanding),
    };
  });
}

export type ChangeProblem = { path: string; code: "answered" };

/**
 * Once people have answered, a questionnaire keeps its meaning: each answered question stays,
 * with its type and its number of choices (answers are stored as choice numbers), so texts
 * may be corrected and questions added, but not removed or reshaped.
 */
export function questionnaireChangeProblems(
  before: QuestionnaireBody,
  after: QuestionnaireBody,
): ChangeProblem[] {
  const out: ChangeProblem[] = [];
  before.questions.forEach((old) => {
    const i = after.questions.findIndex((q) => q.id === old.id);
    if (i < 0) {
      out.push({ path: "questions", code: "answered" });
      return;
    }
    const q = after.questions[i];
    if (q.type !== old.type) out.push({ path: `questions.${i}.type`, code: "answered" });
    else if (q.options.length !== old.options.length)
      out.push({ path: `questions.${i}.options`, code: "answered" });
  });
  return out;
}

/** The mean of several events' means, weighted by how many answered each. */
export function pooledMean(parts: readonly { mean: number | null; n: number }[]): number | null {
  let n = 0;
  let sum = 0;
  for (const p of parts) {
    if (p.mean === null || p.n <= 0) continue;
    n += p.n;
    sum += p.mean * p.n;
  }
  return n === 0 ? null : sum / n;
}

const SATISFACTION = ["不満", "やや不満", "どちらともいえない", "やや満足", "満足"];
const UNDERSTANDING = [
  "理解できなかった",
  "あまり理解できなかった",
  "どちらともいえない",
  "おおむね理解できた",
  "よく理解できた",
];
const AGREEMENT = ["そう思わない", "あまりそう思わない", "どちらともいえない", "ややそう思う", "そう思う"];

/** Labels offered for a new scale question in the builder. */
export const SCALE_PRESETS = {
  satisfaction: SATISFACTION,
  understanding: UNDERSTANDING,
  agreement: AGREEMENT,
} as const;

/** The 職種 a questionnaire offers: those of the registration form (PROFESSION_CHOICES). */
const PROFESSION_OPTIONS = PROFESSIONS.filter((p) => p.id !== "unknown" && p.id !== "resident").map(
  (p) => p.label,
);

const q = (
  id: string,
  type: QuestionType,
  text: string,
  options: string[] = [],
  extra: Partial<Pick<Question, "required" | "measure">> = {},
): Question => ({
  id,
  type,
  text,
  options,
  required: extra.required ?? false,
  measure: extra.measure ?? null,
});

export const QUESTIONNAIRE_TEMPLATES = {
  training: {
    title: "研修アンケート",
    intro:
      "本日はご参加いただきありがとうございました。今後の研修の参考にさせていただきますので、ご協力をお願いします（無記名）。",
    questions: [
      q("q1", "single", "あなたの職種を教えてください", PROFESSION_OPTIONS, { measure: "profession" }),
      q("q2", "scale", "本日の研修の満足度を教えてください", SATISFACTION, {
        required: true,
        measure: "satisfaction",
      }),
      q("q3", "scale", "研修の内容はどの程度理解できましたか", UNDERSTANDING, {
        required: true,
        measure: "understanding",
      }),
      q("q4", "scale", "今日の内容を今後の業務に活かせると思いますか", AGREEMENT),
      q("q5", "scale", "多職種の顔の見える関係づくりに役立ちましたか", AGREEMENT),
      q("q6", "multiple", "今後取り上げてほしいテーマ（いくつでも）", [
        "入退院支援",
        "急変時の対応",
        "看取り",
        "ACP（人生会議）",
        "認知症",
        "ICT・情報共有",
        "その他",
      ]),
      q("q7", "text", "ご意見・ご感想をお書きください"),
    ],
  },
  /** 多職種研修 with understanding asked for before and after (理解度の変化). */
  trainingPrePost: {
    title: "多職種研修アンケート（理解度 研修前・研修後）",
    intro:
      "本日はご参加いただきありがとうございました。研修の前と後で、テーマについての理解がどう変わったかを教えてください（無記名）。",
    questions: [
      q("q1", "single", "あなたの職種を教えてください", PROFESSION_OPTIONS, { measure: "profession" }),
      q("q2", "scale", "研修を受ける前、本日のテーマをどの程度理解していましたか", UNDERSTANDING, {
        required: true,
        measure: "understandingBefore",
      }),
      q("q3", "scale", "研修を受けた後、本日のテーマをどの程度理解できましたか", UNDERSTANDING, {
        required: true,
        measure: "understanding",
      }),
      q("q4", "scale", "本日の研修の満足度を教えてください", SATISFACTION, {
        required: true,
        measure: "satisfaction",
      }),
      q("q5", "scale", "他の職種の役割や考え方への理解が深まりましたか", AGREEMENT),
      q("q6", "scale", "今日の内容を今後の業務に活かせると思いますか", AGREEMENT),
      q("q7", "text", "研修で学んだこと、明日から取り組みたいことをお書きください"),
      q("q8", "text", "ご意見・ご感想をお書きください"),
    ],
  },
  publicLecture: {
    title: "市民公開講座アンケート",
    intro: "ご来場ありがとうございました。今後の講座の参考にさせていただきます（無記名）。",
    questions: [
      q("q1", "single", "年代を教えてください", ["40歳未満", "40代", "50代", "60代", "70代", "80歳以上"]),
      q("q2", "scale", "本日の講座の満足度を教えてください", SATISFACTION, {
        required: true,
        measure: "satisfaction",
      }),
      q("q3", "scale", "講座の内容はどの程度理解できましたか", UNDERSTANDING, {
        required: true,
        measure: "understanding",
      }),
      q("q4", "single", "「人生会議（ACP）」を知っていましたか", [
        "内容まで知っていた",
        "言葉は聞いたことがある",
        "知らなかった",
      ]),
      q(
        "q5",
        "single",
        "もしものときの医療やケアについて、ご家族や身近な人と話し合ったことがありますか",
        ["話し合ったことがある", "話し合ったことはない"],
        { required: true, measure: "acpTalk" },
      ),
      q("q6", "single", "今日の講座をきっかけに、話し合ってみようと思いますか", [
        "思う",
        "思わない",
        "わからない",
      ]),
      q("q7", "multiple", "在宅医療・介護について知りたいこと（いくつでも）", [
        "在宅医療（訪問診療）",
        "訪問看護",
        "介護サービス",
        "自宅での看取り",
        "相談窓口",
        "費用",
      ]),
      q("q8", "text", "ご意見・ご感想をお書きください"),
    ],
  },
} as const satisfies Record<string, QuestionnaireBody>;
export type QuestionnaireTemplate = keyof typeof QUESTIONNAIRE_TEMPLATES;
export const QUESTIONNAIRE_TEMPLATE_IDS = Object.keys(QUESTIONNAIRE_TEMPLATES) as [
  QuestionnaireTemplate,
  ...QuestionnaireTemplate[],
];

/** A fresh copy of a template (the stored questionnaire is then edited on its own). */
export function questionnaireFromTemplate(template: QuestionnaireTemplate): QuestionnaireBody {
  const t = QUESTIONNAIRE_TEMPLATES[template];
  return {
    title: t.title,
    intro: t.intro,
    questions: t.questions.map((x) => ({ ...x, options: [...x.options] })),
  };
}
