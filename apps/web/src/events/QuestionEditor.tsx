/**
 * One question in the questionnaire builder: its kind, order, text, choices (one a line) or
 * scale labels, whether it must be answered and what it measures. A question already answered
 * keeps its kind and cannot be removed.
 */
import type { Questionnaire } from "@tsumugi/contract";
import { QUESTION_MEASURES, type QuestionMeasure, SCALE_PRESETS } from "@tsumugi/domain";
import type { ReactNode } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

export type Question = Questionnaire["questions"][number];
type Kind = Question["type"];

const KINDS: Kind[] = ["scale", "single", "multiple", "text"];

/** Which measures a question of this kind may carry. */
const measuresFor = (kind: Kind): QuestionMeasure[] =>
  kind === "scale"
    ? ["satisfaction", "understanding", "understandingBefore"]
    : kind === "single"
      ? ["profession", "acpTalk"]
      : [];

export function QuestionEditor({
  q,
  i,
  last,
  locked,
  fields,
  problem,
  update,
  move,
  remove,
}: {
  q: Question;
  /** Its place (0-based): the server's problems are at `questions.${i}…`. */
  i: number;
  last: boolean;
  locked: boolean;
  fields: Record<string, string>;
  problem(path: string): ReactNode;
  update(change: Partial<Question>): void;
  move(by: number): void;
  remove(): void;
}) {
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
            update({
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
          onClick={() => move(-1)}
          aria-label={t("qn.moveUp")}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon tiny"
          disabled={last}
          onClick={() => move(1)}
          aria-label={t("qn.moveDown")}
        >
          ↓
        </button>
        <button type="button" className="link danger" disabled={locked} onClick={remove}>
          {t("common.delete")}
        </button>
      </div>
      <label className="field">
        <span className="field-label">{t("qn.questionText")}</span>
        <input
          type="text"
          value={q.text}
          maxLength={200}
          onChange={(e) => update({ text: e.target.value })}
          data-testid="qn-question-text"
        />
        {problem(`${at}.text`)}
      </label>
      {q.type !== "text" && (
        <label className="field">
          <span className="field-label">{q.type === "scale" ? t("qn.scaleLabels") : t("qn.options")}</span>
          <textarea
            rows={Math.min(12, Math.max(3, q.options.length))}
            value={q.options.join("\n")}
            onChange={(e) => update({ options: e.target.value.split("\n") })}
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
              if (preset) update({ options: [...SCALE_PRESETS[preset]] });
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
            onChange={(e) => update({ required: e.target.checked })}
          />{" "}
          {t("qn.required")}
        </label>
        {measuresFor(q.type).length > 0 && (
          <label>
            {t("qn.measure")}{" "}
            <select
              value={q.measure ?? ""}
              onChange={(e) => update({ measure: (e.target.value || null) as QuestionMeasure | null })}
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
}
