/** Choices in a plan row's cells: chips for scenes and items, a select for one value. */
import { ITEMS, itemMark, SCENES } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

export function Chips<T extends string>(props: {
  options: readonly { id: T; label: string; title?: string }[];
  value: readonly T[];
  disabled: boolean;
  label: string;
  onChange(next: T[]): void;
  testId?: string;
}) {
  return (
    <fieldset className="chips" aria-label={props.label} data-testid={props.testId}>
      {props.options.map((o) => {
        const on = props.value.includes(o.id);
        return (
          <button
            key={o.id}
            type="button"
            className={on ? "chip on" : "chip"}
            aria-pressed={on}
            disabled={props.disabled}
            title={o.title ?? o.label}
            onClick={() =>
              props.onChange(on ? props.value.filter((v) => v !== o.id) : [...props.value, o.id])
            }
          >
            {o.label}
          </button>
        );
      })}
    </fieldset>
  );
}

export const sceneOptions = () => SCENES.map((s) => ({ id: s.id, label: t(`scene.${s.id}` as MessageKey) }));
export const itemOptions = () => ITEMS.map((i) => ({ id: i.id, label: itemMark(i.id) }));

export function Select<T extends string>(props: {
  value: T | null;
  options: readonly { id: T; label: string }[];
  label: string;
  disabled: boolean;
  allowEmpty?: string;
  onChange(value: T | null): void;
  testId?: string;
  /**
   * Shows the chosen label whole, on as many lines as it needs (a long group name in a
   * narrow column), over the select that still takes the clicks, keys and touches.
   */
  wrap?: boolean;
}) {
  const shown = props.options.find((o) => o.id === props.value)?.label ?? props.allowEmpty ?? "";
  const select = (
    <select
      aria-label={props.label}
      title={shown}
      value={props.value ?? ""}
      disabled={props.disabled}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value === "" ? null : (e.target.value as T))}
    >
      {props.allowEmpty !== undefined && <option value="">{props.allowEmpty}</option>}
      {props.options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
  if (!props.wrap) return select;
  return (
    <span className={props.disabled ? "wrap-select disabled" : "wrap-select"}>
      <span className="wrap-select-text" aria-hidden="true">
        {shown}
      </span>
      {select}
    </span>
  );
}
