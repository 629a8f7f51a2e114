/** The 職種 of a participant, chosen from the list (不明 only where counts carried over may use it). */
import { PROFESSION_CHOICES, PROFESSION_IDS } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

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
