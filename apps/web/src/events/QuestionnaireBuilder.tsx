/**
 * The questionnaire builder (アンケートの作成): title and introduction, then the questions, each
 * with its kind (5段階, 単一選択, 複数選択, 自由記述), text, choices (one a line), whether it
 * must be answered and what it measures (満足度, 理解度, 職種 …). Problems come back from the
 * server at their place (`questions.2.options`) and are shown there; nothing typed is lost.
 */
import type { Questionnaire, SaveQuestionnaire } from "@tsumugi/contract";
import { PROFESSIONS, SCALE_PRESETS } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError, fieldMessage } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { type Question, QuestionEditor } from "./QuestionEditor";

type Body = Pick<Questionnaire, "title" | "intro" | "questions">;

const PROFESSION_OPTIONS = PROFESSIONS.filter((p) => p.id !== "unknown" && p.id !== "resident").map(
  (p) => p.label,
);

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
      {body.questions.map((q, i) => (
        <QuestionEditor
          key={q.id}
          q={q}
          i={i}
          last={i === body.questions.length - 1}
          locked={answered && originalIds.has(q.id)}
          fields={fields}
          problem={problem}
          update={(change) => update(i, change)}
          move={(by) => move(i, by)}
          remove={() => setBody((b) => ({ ...b, questions: b.questions.filter((_, j) => j !== i) }))}
        />
      ))}
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
