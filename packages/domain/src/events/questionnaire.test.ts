import { describe, expect, it } from "vitest";
import {
  pooledMean,
  type QuestionnaireBody,
  questionnaireChangeProblems,
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
      "profession",
      "satisfaction",
      "understanding",
    ]);
    const prePost = questionnaireFromTemplate("trainingPrePost");
    expect(questionnaireProblems(prePost)).toEqual([]);
    expect(prePost.questions.map((q) => q.measure).filter(Boolean)).toEqual([
      "profession",
      "understandingBefore",
      "understanding",
      "satisfaction",
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
      understandingBefore: null,
      acpTalkRate: 0.5,
      acpTalkAnswered: 4,
    });
    // A lecture's questionnaire does not ask the 職種.
    expect(r.byProfession).toEqual([]);
  });

  it("break the answers down by 職種 and give the understanding before and after", () => {
    const prePost = questionnaireFromTemplate("trainingPrePost");
    const nurse = prePost.questions[0].options.indexOf("看護師");
    const doctor = prePost.questions[0].options.indexOf("医師");
    const r = questionnaireResults(prePost, [
      { q1: nurse, q2: 2, q3: 4, q4: 5 },
      { q1: nurse, q2: 3, q3: 5, q4: 4 },
      { q1: doctor, q2: 4, q3: 4, q4: 3 },
      { q2: 1, q3: 3, q4: 4 },
    ]);
    expect(r.measures).toMatchObject({ understandingBefore: 2.5, understanding: 4, satisfaction: 4 });
    expect(r.byProfession.find((p) => p.profession === "看護師")).toEqual({
      profession: "看護師",
      answers: 2,
      satisfaction: 4.5,
      understanding: 4.5,
    });
    expect(r.byProfession.find((p) => p.profession === "医師")).toMatchObject({
      answers: 1,
      satisfaction: 3,
    });
    expect(r.byProfession.find((p) => p.profession === "薬剤師")).toMatchObject({
      answers: 0,
      satisfaction: null,
    });
  });

  it("once answered, keep each question with its type and number of choices", () => {
    const before = questionnaireFromTemplate("training");
    const retitled = questionnaireFromTemplate("training");
    retitled.questions[1].text = "本日の研修はいかがでしたか";
    retitled.questions.push({
      id: "q8",
      type: "text",
      text: "追加",
      options: [],
      required: false,
      measure: null,
    });
    expect(questionnaireChangeProblems(before, retitled)).toEqual([]);
    const reshaped = questionnaireFromTemplate("training");
    reshaped.questions[5].options.pop();
    reshaped.questions[6].type = "single";
    reshaped.questions.splice(3, 1);
    expect(questionnaireChangeProblems(before, reshaped)).toEqual([
      { path: "questions", code: "answered" },
      { path: "questions.4.options", code: "answered" },
      { path: "questions.5.type", code: "answered" },
    ]);
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
