/** The field every 2段階認証 form asks its code in: the authenticator app's, or a recovery code. */
import { t } from "../i18n/t";
import { Field } from "../ui/Field";

export function CodeField(props: {
  /** 確認コード（6桁） unless said otherwise. */
  label?: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  /** "numeric" (the default) for the app's code alone: a phone shows digits. */
  inputMode?: "numeric" | "text";
  maxLength?: number;
  testId?: string;
  autoFocus?: boolean;
}) {
  return (
    <Field label={props.label ?? t("twoFactor.code")} error={props.error}>
      <input
        inputMode={props.inputMode ?? "numeric"}
        autoComplete="one-time-code"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
        maxLength={props.maxLength}
        // biome-ignore lint/a11y/noAutofocus: only where the code is the step's only field
        autoFocus={props.autoFocus}
      />
    </Field>
  );
}
