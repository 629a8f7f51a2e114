/**
 * What the plan papers say besides the tables (seed 003): the program's name on the cover,
 * the office that writes the plan, the committee and its bodies for the organisation chart,
 * and the plenary's topics. Written live by the secretariat; everyone else reads them here.
 */
import { PROFILE_FIELDS, PROFILE_LIMITS, type ProfileField, profileText } from "@tsumugi/domain";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { cityOf } from "./PaperParts";
import { usePlanContext } from "./plan-context";
import "./papers-profile.css";

/** One-line fields (names) and the rest, several lines each. */
const ONE_LINE: ReadonlySet<ProfileField> = new Set(["programName", "department", "committeeName"]);

export function PapersProfile() {
  const { doc, papersEditable, municipality } = usePlanContext();
  const city = cityOf(municipality);
  const placeholder: Partial<Record<ProfileField, string>> = {
    programName: `${city}在宅医療介護連携推進事業`,
    department: t("papers.profile.departmentExample", { city }),
    committeeName: `${city}在宅医療介護連携会議`,
    bodies: t("papers.profile.bodiesExample"),
    plenaryTopics: t("papers.profile.topicsExample"),
  };
  return (
    <details className="papers-profile" data-testid="papers-profile">
      <summary>{t("papers.profile.heading")}</summary>
      <p className="muted small">
        {t("papers.profile.intro")}
        {!papersEditable && ` ${t("papers.profile.readOnly")}`}
      </p>
      <div className="profile-fields">
        {PROFILE_FIELDS.map((field) => {
          const label = t(`papers.profile.${field}` as MessageKey);
          return (
            <div key={field} className={ONE_LINE.has(field) ? "profile-field one-line" : "profile-field"}>
              <span className="field-label" id={`profile-${field}-label`}>
                {label}
              </span>
              <CollabTextInput
                text={profileText(doc, field)}
                label={label}
                readOnly={!papersEditable}
                multiline
                noLineBreaks={ONE_LINE.has(field)}
                rows={ONE_LINE.has(field) ? 1 : field === "bodies" ? 6 : 4}
                maxLength={PROFILE_LIMITS[field]}
                placeholder={placeholder[field]}
                className="cell-input"
                testId={`profile-${field}`}
              />
            </div>
          );
        })}
      </div>
    </details>
  );
}
