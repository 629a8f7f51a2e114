/**
 * The questionnaire builder (アンケートの作成): title and introduction, then the questions, each
 * with its kind (5段階, 単一選択, 複数選択, 自由記述), text, choices (one a line), whether it
 * must be answered and what it measures (満足度, 理解度, 職種 …). Problems come back from the
 * server at their place (`questions.2.options`) and are shown there; nothing typed is lost.
 */
import type { Questionnaire, SaveQuestionnaire } from "@tsumugi/contract";
import { PROFESSIONS, QUESTION_MEASURES, type QuestionMeasure, SCALE_PRESETS } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError, fieldMessage } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";

type Question = Questionnaire["questions"][number];
type Kind = Question["type"];
type Body = Pick<Questionnaire, "title" | "intro" | "questions">;

const KINDS: Kind[] = ["scale", "single", "multiple", "text"];
const PROFESSION_OPTIONS = PROFESSIONS.filter((p) => p.id !== "unknown" && p.id !== "resident").map(
  (p) => p.label,
);

/** Which measures a question of this kind may carry. */
const measuresFor = (kind: Kind): QuestionMeasure[] =>
  kind === "scale"
    ? ["satisfaction", "understanding", "understandingBefore"]
    : kind === "single"
      ? ["profession", "acpTalk"]
      : [];

function nextId(questions: readonly Question[]): string {
  for (let n = questions.length + 1; ; n++) if (!questions.some((q) => q.id === `q${n}`)) return `q${n}`;
}

function newQuestion(
  questions: readonly Question[],
  preset: "satisfaction" | "single" | "multiple" | "text" | "profession",
): Question {
  const id = nextId(questions);
  switch (preset) {
    case "satisfaction":
      return {
        id,
        type: "scale",
        text: "",
        options: [...SCALE_PRESETS.satisfaction],
        required: false,
        measure: null,
      };
    case "profession":
      return {
        id,
        type: "single",
        text: t("qn.professionQuestion"),
        options: [...PROFESSION_OPTIONS],
        required: false,
        measure: questions.some((q) => q.measure === "profession") ? null : "profession",
      };
    case "text":
      return { id, type: "text", text: "", options: [], required: false, measure: null };
    default:
      return { id, type: preset, text: "", options: ["", ""], required: false, measure: null };
  }
}

export function QuestionnaireBuilder(props: {
  initial: Body;
  answers: number;
  onSave(body: SaveQuestionnaire): Promise<void>;
  onCancel?(): void;
}) {
  const [body, setBody] = useState<Body>(() => structuredClone(props.initial));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const answered = props.answers > 0;
  const originalIds = new Set(props.initial.questions.map((q) => q.id));

  const update = (i: number, change: Partial<Question>) =>
    setBody((b) => ({ ...b, questions: b.questions.map((q, j) => (j === i ? { ...q, ...change } : q)) }));
  const move = (i: number, by: number) =>
    setBody((b) => {
      const list = [...b.questions];
      const [q] = list.splice(i, 1);
      list.splice(i + by, 0, q);
      return { ...b, questions: list };
    });
  const problem = (path: string) => {
    const code = fields[path];
    return code ? (
      <span className="field-error" data-testid="qn-problem">
        {fieldMessage(code)}
      </span>
    ) : null;
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await props.onSave({
        title: body.title,
        intro: body.intro,
        questions: body.questions.map((q) => ({
          ...q,
          options: q.type === "text" ? [] : q.options.map((o) => o.trim()),
        })),
      });
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        setFields(e.fields);
        setError(t("qn.fixProblems"));
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="qn-builder"
      data-testid="qn-builder"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {answered && <p className="notice">{t("qn.answeredHint", { n: props.answers })}</p>}
      <div className="qn-meta">
        <label className="field">
          <span className="field-label">{t("qn.title")}</span>
          <input
            type="text"
            value={body.title}
            maxLength={100}
            onChange={(e) => setBody({ ...body, title: e.target.value })}
            data-testid="qn-title"
          />
          {problem("title")}
        </label>
        <label className="field">
          <span className="field-label">{t("qn.intro")}</span>
          <textarea
            rows={2}
            value={body.intro}
            maxLength={500}
            onChange={(e) => setBody({ ...body, intro: e.target.value })}
          />
          {problem("intro")}
        </label>
      </div>
      <h3>{t("qn.questions")}</h3>
      {problem("questions")}
      {body.questions.map((q, i) => {
        const locked = answered && originalIds.has(q.id);
        const at = `questions.${i}`;
        return (
          <fieldset className="qn-question" key={q.id} data-testid={`qn-question-${i}`}>
            <div className="qn-question-head">
              <strong>{t("qa.number", { n: i + 1 })}</strong>
              <select
                aria-label={t("qn.kind")}
                value={q.type}
                disabled={locked}
                onChange={(e) => {
                  const type = e.target.value as Kind;
                  update(i, {
                    type,
                    options:
                      type === "text"
                        ? []
                        : type === "scale"
                          ? [...SCALE_PRESETS.satisfaction]
                          : q.options.length >= 2 && q.type !== "scale"
                            ? q.options
                            : ["", ""],
                    measure: null,
                  });
                }}
                data-testid="qn-kind"
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`qn.kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon tiny"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t("qn.moveUp")}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon tiny"
                disabled={i === body.questions.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t("qn.moveDown")}
              >
                ↓
              </button>
              <button
                type="button"
                className="link danger"
                disabled={locked}
                onClick={() => setBody((b) => ({ ...b, questions: b.questions.filter((_, j) => j !== i) }))}
              >
                {t("common.delete")}
              </button>
            </div>
            <label className="field">
              <span className="field-label">{t("qn.questionText")}</span>
              <input
                type="text"
                value={q.text}
                maxLength={200}
                onChange={(e) => update(i, { text: e.target.value })}
                data-testid="qn-question-text"
              />
              {problem(`${at}.text`)}
            </label>
            {q.type !== "text" && (
              <label className="field">
                <span className="field-label">
                  {q.type === "scale" ? t("qn.scaleLabels") : t("qn.options")}
                </span>
                <textarea
                  rows={Math.min(12, Math.max(3, q.options.length))}
                  value={q.options.join("\n")}
                  onChange={(e) => update(i, { options: e.target.value.split("\n") })}
                  data-testid="qn-options"
                />
                {problem(`${at}.options`) ??
                  problem(`${at}.options.${q.options.findIndex((_, j) => fields[`${at}.options.${j}`])}`)}
              </label>
            )}
            {q.type === "scale" && !locked && (
              <label className="field">
                <span className="field-label">{t("qn.scalePreset")}</span>
                <select
                  value=""
                  onChange={(e) => {
                    const preset = e.target.value as keyof typeof SCALE_PRESETS;
                    if (preset) update(i, { options: [...SCALE_PRESETS[preset]] });
                  }}
                >
                  <option value="">{t("events.choose")}</option>
                  {(Object.keys(SCALE_PRESETS) as (keyof typeof SCALE_PRESETS)[]).map((p) => (
                    <option key={p} value={p}>
                      {SCALE_PRESETS[p].join("／")}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="row">
              <label>
                <input
                  type="checkbox"
                  checked={q.required}
                  onChange={(e) => update(i, { required: e.target.checked })}
                />{" "}
                {t("qn.required")}
              </label>
              {measuresFor(q.type).length > 0 && (
                <label>
                  {t("qn.measure")}{" "}
                  <select
                    value={q.measure ?? ""}
                    onChange={(e) =>
                      update(i, { measure: (e.target.value || null) as QuestionMeasure | null })
                    }
                    data-testid="qn-measure"
                  >
                    <option value="">{t("qn.measure.none")}</option>
                    {QUESTION_MEASURES.filter((m) => measuresFor(q.type).includes(m)).map((m) => (
                      <option key={m} value={m}>
                        {t(`qn.measure.${m}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            {problem(`${at}.measure`)}
            {problem(`${at}.id`)}
          </fieldset>
        );
      })}
      <div className="qn-add" data-testid="qn-add">
        <span className="muted">{t("qn.addQuestion")}</span>
        {(["satisfaction", "single", "multiple", "text", "profession"] as const).map((p) => (
          <button
            key={p}
            type="button"
            className="secondary"
            onClick={() =>
              setBody((b) => ({ ...b, questions: [...b.questions, newQuestion(b.questions, p)] }))
            }
            data-testid={`qn-add-${p}`}
          >
            {t(`qn.add.${p}` as MessageKey)}
          </button>
        ))}
      </div>
      <ErrorBanner message={error} />
      <div className="row">
        <button type="submit" disabled={busy} data-testid="qn-save">
          {t("common.save")}
        </button>
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
