/**
 * The head of a questionnaire on the アンケート tab: its state and answers so far, the answering
 * link with a QR code (for the last slide), and the organisers' controls: open or close,
 * edit, type in paper answers, delete while nobody has answered.
 */
import type { Event, Questionnaire } from "@tsumugi/contract";
import { QrCode } from "../auth/QrCode";
import { t } from "../i18n/t";

export function QuestionnaireLinkCard(props: {
  event: Event;
  questionnaire: Questionnaire;
  manage: boolean;
  editing: boolean;
  paper: boolean;
  onToggleOpen(): void;
  onEdit(): void;
  onPaper(): void;
  onDelete(): void;
  onCopied(): void;
}) {
  const { event, questionnaire: qn, manage, editing, paper } = props;
  const link = qn.publicPath ? `${window.location.origin}${qn.publicPath}` : null;
  return (
    <section className="card no-print" aria-labelledby="qn-link-title">
      <h2 id="qn-link-title">
        {qn.title}{" "}
        <span className={`badge ${qn.open ? "status-held" : ""}`} data-testid="qn-state">
          {qn.open ? t("qn.open") : t("qn.closed")}
        </span>
      </h2>
      <p className="muted small">
        {t("qn.answersSoFar", { n: qn.answers })}・{t("qn.questionsN", { n: qn.questions.length })}
      </p>
      {link && (
        <div className="qn-link">
          <div>
            <p className="small">{t("qn.linkHint")}</p>
            <p className="qn-url" data-testid="qn-url">
              <a href={qn.publicPath ?? ""} target="_blank" rel="noreferrer">
                {link}
              </a>
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(link).then(props.onCopied);
              }}
            >
              {t("qn.copyLink")}
            </button>
          </div>
          <QrCode text={link} label={t("qn.qrLabel", { title: event.title })} size={140} />
        </div>
      )}
      {event.status === "cancelled" && <p className="muted">{t("qn.cancelledEvent")}</p>}
      {manage && (
        <div className="row">
          {event.status !== "cancelled" && (
            <button
              type="button"
              className={qn.open ? "secondary" : ""}
              onClick={props.onToggleOpen}
              data-testid="qn-toggle-open"
            >
              {qn.open ? t("qn.close") : t("qn.openAction")}
            </button>
          )}
          {!editing && (
            <button type="button" className="secondary" onClick={props.onEdit} data-testid="qn-edit">
              {t("qn.edit")}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            onClick={props.onPaper}
            disabled={paper}
            data-testid="qn-paper-open"
          >
            {t("qn.paperEntry")}
          </button>
          {qn.answers === 0 && (
            <button
              type="button"
              className="link danger"
              onClick={() => {
                if (window.confirm(t("qn.confirmDelete"))) props.onDelete();
              }}
            >
              {t("qn.delete")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
