/**
 * The registrations of an event (申込者) for its organisers — and, for a co-hosting
 * municipality's secretariat, only those who agreed to be shared. Names and contacts are
 * personal data: the server logs each time this list is read.
 */
import type { Event, Participant } from "@tsumugi/contract";
import { formatTimestamp } from "@tsumugi/domain";
import { useCallback } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { errorMessage } from "../ui/loaded";
import { useLoaded } from "../ui/use-loaded";
import type { EventsApi } from "./events-api";

const formatCode = (code: string | null) => (code ? `${code.slice(0, 4)}-${code.slice(4)}` : "");

export function ParticipantsView({ api, event }: { api: EventsApi; event: Event }) {
  const { data, error, setData, setError } = useLoaded(
    useCallback(() => api.participants(event.id), [api, event.id]),
  );
  const list = data?.participants;
  const scope = data?.scope ?? "all";

  const cancel = async (p: Participant) => {
    if (!window.confirm(t("participants.confirmCancel", { name: p.name }))) return;
    try {
      const { participants } = await api.cancelParticipant(event.id, p.id);
      setData((d) => ({ ...d, participants }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (!list) return error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>;
  const registrations = list.filter((p) => !p.walkIn);
  return (
    <section className="participants" aria-labelledby="participants-title" data-testid="participants">
      <h2 id="participants-title">{t("participants.title")}</h2>
      <p className="muted small">
        {scope === "agreed" ? t("participants.agreedOnly") : t("participants.logged")}
      </p>
      <ErrorBanner message={error} />
      {registrations.length === 0 && list.length === 0 ? (
        <p className="muted">{t("participants.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid-table participants-table">
            <thead>
              <tr>
                <th>{t("participants.status")}</th>
                <th>{t("participants.name")}</th>
                <th>{t("events.organisation")}</th>
                <th>{t("events.profession")}</th>
                <th>{t("participants.contact")}</th>
                <th>{t("participants.note")}</th>
                <th>{t("participants.registeredAt")}</th>
                <th>{t("participants.code")}</th>
                {event.abilities.update && <th>{t("events.doorCountActions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr
                  key={p.id}
                  className={p.status === "cancelled" ? "cancelled" : ""}
                  data-testid="participant-row"
                >
                  <td>
                    {p.walkIn ? t("events.walkIns") : t(`participantStatus.${p.status}` as MessageKey)}
                    {p.checkedInAt !== null && `・${t("participants.checkedIn")}`}
                  </td>
                  <td>{p.erased ? t("checkIn.erased") : p.name}</td>
                  <td>{p.organisation}</td>
                  <td>{t(`profession.${p.profession}` as MessageKey)}</td>
                  <td className="break">{p.contact}</td>
                  <td className="break">{p.note}</td>
                  <td>{formatTimestamp(p.registeredAt)}</td>
                  <td>{formatCode(p.checkInCode)}</td>
                  {event.abilities.update && (
                    <td>
                      {!p.walkIn && p.status !== "cancelled" && (
                        <button type="button" className="secondary small" onClick={() => void cancel(p)}>
                          {t("participants.cancel")}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
