/** The events' choices from fixed lists: an event's kind, a participant's 職種. */
import { EVENT_KIND_IDS, type EventKind, PROFESSION_CHOICES, PROFESSION_IDS } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

/** The 職種 of a participant (不明 only where counts carried over may use it). */
export function ProfessionSelect(props: {
  value: string;
  onChange(profession: string): void;
  testId: string;
  /** Offers 不明 too (counts at the door). */
  withUnknown?: boolean;
  invalid?: boolean;
}) {
  return (
    <select
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      aria-invalid={props.invalid}
      data-testid={props.testId}
    >
      <option value="">{t("events.choose")}</option>
      {(props.withUnknown ? PROFESSION_IDS : PROFESSION_CHOICES).map((p) => (
        <option key={p} value={p}>
          {t(`profession.${p}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}

/** 多職種研修, 市民公開講座, 出前講座 … */
export function EventKindSelect(props: {
  value: EventKind;
  onChange(kind: EventKind): void;
  testId?: string;
}) {
  return (
    <select
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as EventKind)}
      data-testid={props.testId}
    >
      {EVENT_KIND_IDS.map((k) => (
        <option key={k} value={k}>
          {t(`eventKind.${k}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
