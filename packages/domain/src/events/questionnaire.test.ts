import { describe, expect, it } from "vitest";
import {
  pooledMean,
  type QuestionnaireBody,
  questionnaireFromTemplate,
  questionnaireProblems,
  questionnaireResults,
  readAnswers,
} from "./questionnaire.js";

describe("questionnaire templates", () => {
  it("are valid questionnaires measuring satisfaction, understanding and (for residents) ACP talks", () => {
    const training = questionnaireFromTemplate("training");
    const lecture = questionnaireFromTemplate("publicLecture");
    expect(questionnaireProblems(training)).toEqual([]);
    expect(questionnaireProblems(lecture)).toEqual([]);
    expect(training.questions.map((q) => q.measure).filter(Boolean)).toEqual([
      "satisfaction",
      "understanding",
    ]);
    expect(lecture.questions.map((q) => q.measure).filter(Boolean)).toEqual([
      "satisfaction",
      "understanding",
      "acpTalk",
    ]);
  });

  it("hand out copies: editing one does not change the template", () => {
    const a = questionnaireFromTemplate("training");
    a.questions[1].options[0] = "x";
    expect(questionnaireFromTemplate("training").questions[1].options[0]).toBe("不満");
  });
});

describe("questionnaire problems", () => {
  it("names each problem by its place", () => {
    const body: QuestionnaireBody = {
      title: " ",
      intro: "",
      questions: [
        {
          id: "q1",
          type: "scale",
          text: "満足度",
          options: ["1", "2", "3"],
          required: true,
          measure: "satisfaction",
        },
        { id: "q1", type: "single", text: "", options: ["はい"], required: false, measure: null },
        {
          id: "Bad id",
          type: "multiple",
          text: "テーマ",
          options: ["A", "A"],
          required: false,
          measure: "acpTalk",
        },
        { id: "q4", type: "text", text: "感想", options: ["x"], required: false, measure: null },
        {
          id: "q5",
          type: "scale",
          text: "満足度2",
          options: ["1", "2", "3", "4", "5"],
          required: false,
          measure: "satisfaction",
        },
      ],
    };
    expect(questionnaireProblems(body)).toEqual([
      { path: "title", code: "required" },
      { path: "questions.0.options", code: "options" },
      { path: "questions.1.id", code: "duplicate" },
      { path: "questions.1.text", code: "required" },
      { path: "questions.1.options", code: "options" },
      { path: "questions.2.id", code: "format" },
      { path: "questions.2.options", code: "duplicate" },
      { path: "questions.2.measure", code: "unknown" },
      { path: "questions.3.options", code: "options" },
      { path: "questions.4.measure", code: "duplicate" },
    ]);
  });
});

describe("answers and results", () => {
  const body = questionnaireFromTemplate("publicLecture");

  it("accept only answers of the right shape, and require the required questions", () => {
    expect(readAnswers(body, { q2: 5, q3: 4, q5: 0, q7: [3, 0], q8: "  よかった " })).toEqual({
      ok: true,
      answers: { q2: 5, q3: 4, q5: 0, q7: [0, 3], q8: "よかった" },
    });
    expect(readAnswers(body, { q2: 6, q5: 2, q7: [1, 1], q8: "あ".repeat(1001), zz: 1 })).toEqual({
      ok: false,
      problems: [
        { questionId: "q2", code: "format" },
        { questionId: "q3", code: "required" },
        { questionId: "q5", code: "format" },
        { questionId: "q7", code: "format" },
        { questionId: "q8", code: "tooLong" },
      ],
    });
  });

  it("count choices, average scales, list free texts and compute the measures", () => {
    const r = questionnaireResults(body, [
      { q2: 5, q3: 4, q5: 0, q7: [0, 3], q8: "よかった" },
      { q2: 4, q3: 4, q5: 1 },
      { q2: 3, q3: 2, q5: 1, q8: "駐車場がほしい" },
      { q2: 4, q3: 5, q5: 0, q7: [3] },
    ]);
    expect(r.answers).toBe(4);
    const q2 = r.questions.find((q) => q.questionId === "q2");
    expect(q2).toMatchObject({ answered: 4, counts: [0, 0, 1, 2, 1], mean: 4 });
    expect(r.questions.find((q) => q.questionId === "q7")).toMatchObject({
      answered: 2,
      counts: [1, 0, 0, 2, 0, 0],
    });
    expect(r.questions.find((q) => q.questionId === "q8")?.texts).toEqual(["よかった", "駐車場がほしい"]);
    expect(r.measures).toEqual({
      satisfaction: 4,
      understanding: 3.75,
      acpTalkRate: 0.5,
      acpTalkAnswered: 4,
    });
  });

  it("pool means of several events by how many answered", () => {
    expect(
      pooledMean([
        { mean: 4, n: 10 },
        { mean: 3, n: 30 },
        { mean: null, n: 0 },
      ]),
    ).toBeCloseTo(3.25);
    expect(pooledMean([])).toBeNull();
  });
});
