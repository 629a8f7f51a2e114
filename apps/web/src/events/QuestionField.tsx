/**
 * One question as people answer it (the answering page, and the organisers typing in a paper
 * form): large targets for a 5段階 scale, choices as buttons, free text; the problem in Japanese.
 */
import type { Questionnaire } from "@tsumugi/contract";
import { t } from "../i18n/t";
import "./questionnaire.css";

export type Value = number | number[] | string;
type Question = Questionnaire["questions"][number];

const problemText = (q: Question, code: string): string => {
  if (code === "required") return t(q.type === "text" ? "qa.problem.requiredText" : "qa.problem.required");
  if (code === "tooLong") return t("qa.problem.tooLong");
  return t("qa.problem.format");
};

export function QuestionField(props: {
  number: number;
  question: Question;
  value: Value | undefined;
  problem: string | undefined;
  onChange(v: Value | undefined): void;
}) {
  const { question: q, value, problem } = props;
  const name = `qa-${q.id}`;
  const legend = (
    <legend>
      <span className="qa-number">{t("qa.number", { n: props.number })}</span>
      {q.text}
      {q.required && <span className="qa-required">{t("qa.required")}</span>}
      {q.type === "multiple" && <span className="qa-hint">{t("qa.multipleHint")}</span>}
    </legend>
  );
  return (
    <fieldset
      id={name}
      className={`qa-question qa-kind-${q.type}${problem ? " has-problem" : ""}`}
      aria-invalid={problem ? true : undefined}
      aria-describedby={problem ? `${name}-problem` : undefined}
      data-testid={`question-${q.id}`}
    >
      {legend}
      {q.type === "scale" && (
        <div className="qa-scale">
          {q.options.map((label, i) => (
            <label key={label} className={value === i + 1 ? "chosen" : ""}>
              <input
                type="radio"
                name={name}
                checked={value === i + 1}
                onChange={() => props.onChange(i + 1)}
              />
              <span className="qa-point">{i + 1}</span>
              <span className="qa-label">{label}</span>
            </label>
          ))}
        </div>
      )}
      {q.type === "single" && (
        <div className="qa-choices">
          {q.options.map((label, i) => (
            <label key={label} className={value === i ? "chosen" : ""}>
              <input type="radio" name={name} checked={value === i} onChange={() => props.onChange(i)} />
              <span>{label}</span>
            </label>
          ))}
        </div>
      )}
      {q.type === "multiple" && (
        <div className="qa-choices">
          {q.options.map((label, i) => {
            const list = Array.isArray(value) ? value : [];
            const on = list.includes(i);
            return (
              <label key={label} className={on ? "chosen" : ""}>
                <input
                  type="checkbox"
                  name={name}
                  checked={on}
                  onChange={() => props.onChange(on ? list.filter((x) => x !== i) : [...list, i])}
                />
                <span>{label}</span>
              </label>
            );
          })}
        </div>
      )}
      {q.type === "text" && (
        <textarea
          aria-label={q.text}
          rows={4}
          maxLength={1000}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {problem && (
        <p className="field-error" id={`${name}-problem`} data-testid="question-problem">
          {problemText(q, problem)}
        </p>
      )}
    </fieldset>
  );
}
