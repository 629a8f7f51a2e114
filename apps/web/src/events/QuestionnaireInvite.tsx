/**
 * On a registrant's own page: while the event's questionnaire takes answers, a link to answer
 * it as this registration (its token after #, so one answer per registration on any device).
 */
import type { PublicQuestionnaire } from "@tsumugi/contract";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { t } from "../i18n/t";
import { publicQuestionnaireApi } from "./questionnaire-api";

export function QuestionnaireInvite({ publicId, token }: { publicId: string; token: string }) {
  const [qn, setQn] = useState<PublicQuestionnaire | null>(null);
  useEffect(() => {
    publicQuestionnaireApi
      .get(publicId)
      .then(setQn)
      .catch(() => setQn(null));
  }, [publicId]);
  if (!qn?.open) return null;
  return (
    <section className="pe-summary" aria-labelledby="qn-invite-title" data-testid="qn-invite">
      <h2 id="qn-invite-title">{qn.title}</h2>
      <p>{t("qa.invite")}</p>
      <p>
        <Link className="button-link" to={`/q/${publicId}#r=${token}`} data-testid="qn-invite-link">
          {t("qa.inviteAction")}
        </Link>
      </p>
    </section>
  );
}
