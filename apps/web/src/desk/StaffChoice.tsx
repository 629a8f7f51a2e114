/** The coordinators who keep a desk (checkboxes; the secretariat chooses them). */
import type { Member } from "@tsumugi/contract";
import { t } from "../i18n/t";

export function StaffChoice(props: {
  coordinators: Member[];
  value: string[];
  disabled?: boolean;
  onChange: (ids: string[]) => void;
  testId: string;
}) {
  return (
    <fieldset className="desk-checks" data-testid={props.testId}>
      <legend>{t("desk.desks.staff")}</legend>
      {props.coordinators.length === 0 && <p className="muted small">{t("desk.desks.noCoordinators")}</p>}
      {props.coordinators.map((m) => (
        <label key={m.userId} className="desk-check wraps">
          <input
            type="checkbox"
            disabled={props.disabled}
            checked={props.value.includes(m.userId)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.value, m.userId] : props.value.filter((x) => x !== m.userId),
              )
            }
          />
          {m.name}
          {m.organization ? `（${m.organization}）` : ""}
        </label>
      ))}
    </fieldset>
  );
}
