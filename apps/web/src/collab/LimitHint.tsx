/**
 * The Japanese hint under a text field with a length limit (the schema's): shown from 90 % of
 * the limit on, saying how many characters are left, that the limit is reached, or by how
 * much a text written elsewhere (an older version, an import) is over it.
 */
import { t } from "../i18n/t";
import "./collab-fields.css";

/** The hint appears from this share of the limit on. */
const HINT_FROM = 0.9;

/** What to tell about the length: nothing far from the limit. */
export function limitHint(length: number, max: number | undefined): string | null {
  if (max === undefined || length < Math.floor(max * HINT_FROM)) return null;
  if (length > max) return t("field.limit.over", { max, over: length - max });
  if (length === max) return t("field.limit.reached", { max });
  return t("field.limit.near", { max, rest: max - length });
}

/** The hint for a plain (not co-edited) field holding `value`; nothing far from the limit. */
export function LimitHint({ value, max, id }: { value: string; max: number; id?: string }) {
  const hint = limitHint(value.length, max);
  if (!hint) return null;
  return (
    <span
      id={id}
      className={value.length > max ? "limit-hint over" : "limit-hint"}
      data-testid="limit-hint"
      role="status"
    >
      {hint}
    </span>
  );
}
