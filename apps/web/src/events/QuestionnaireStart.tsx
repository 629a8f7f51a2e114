/** Starting a questionnaire: from a template, from a previous event's, or blank. */
import type { QuestionnaireSources, SaveQuestionnaire } from "@tsumugi/contract";
import { formatTimeRange, QUESTIONNAIRE_TEMPLATE_IDS, SCALE_PRESETS } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

/** A blank questionnaire: one question, the satisfaction scale. */
export const blankQuestionnaire = (): SaveQuestionnaire => ({
  title: t("qn.blankTitle"),
  intro: "",
  questions: [
    {
      id: "q1",
      type: "scale",
      text: t("qn.blankSatisfaction"),
      options: [...SCALE_PRESETS.satisfaction],
      required: true,
      measure: "satisfaction",
    },
  ],
});

export function QuestionnaireStart(props: {
  eventId: string;
  sources(): Promise<QuestionnaireSources>;
  onTemplate(template: (typeof QUESTIONNAIRE_TEMPLATE_IDS)[number]): void;
  onCopy(fromEventId: string): void;
  onBlank(): void;
}) {
  const [sources, setSources] = useState<QuestionnaireSources["events"] | null>(null);
  const { sources: loadSources } = props;
  useEffect(() => {
    void loadSources()
      .then((s) => setSources(s.events))
      .catch(() => setSources([]));
  }, [loadSources]);
  const others = (sources ?? []).filter((s) => s.eventId !== props.eventId);
  return (
    <section className="card" aria-labelledby="qn-start-title" data-testid="qn-start">
      <h2 id="qn-start-title">{t("qn.start")}</h2>
      <p className="muted small">{t("qn.startHint")}</p>
      <h3>{t("qn.fromTemplate")}</h3>
      <div className="qn-templates">
        {QUESTIONNAIRE_TEMPLATE_IDS.map((id) => (
          <button
            key={id}
            type="button"
            className="secondary"
            onClick={() => props.onTemplate(id)}
            data-testid={`qn-template-${id}`}
          >
            <strong>{t(`qn.template.${id}` as MessageKey)}</strong>
            <br />
            <span className="small">{t(`qn.template.${id}.about` as MessageKey)}</span>
          </button>
        ))}
      </div>
      <h3>{t("qn.fromEvent")}</h3>
      {others.length === 0 ? (
        <p className="muted small">{t("qn.noSources")}</p>
      ) : (
        <select
          aria-label={t("qn.fromEvent")}
          value=""
          onChange={(e) => e.target.value && props.onCopy(e.target.value)}
          data-testid="qn-copy-from"
        >
          <option value="">{t("events.choose")}</option>
          {others.map((s) => (
            <option key={s.eventId} value={s.eventId}>
              {formatTimeRange(s.startsAt, null)} {s.title}（{s.questionnaireTitle}・
              {t("qn.answersN", { n: s.answers })}）
            </option>
          ))}
        </select>
      )}
      <h3>{t("qn.blank")}</h3>
      <button type="button" className="secondary" onClick={props.onBlank} data-testid="qn-blank">
        {t("qn.blankAction")}
      </button>
    </section>
  );
}
