/** The previous meeting's unreached agenda items, offered for this agenda. */
import type { MeetingBacklog } from "@tsumugi/contract";
import type { AgendaItem } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { t } from "../i18n/t";
import { useMeetingContext } from "./meeting-context";
import { meetingsApi } from "./meetings-api";

export function AgendaBacklog({ onAdd }: { onAdd(fields: Partial<AgendaItem>): void }) {
  const { wid, meeting, agenda } = useMeetingContext();
  const [offer, setOffer] = useState<MeetingBacklog | null>(null);
  useEffect(() => {
    void meetingsApi(wid).backlog(meeting.id).then(setOffer);
  }, [wid, meeting.id]);
  if (!offer?.previous) return null;
  const previous = offer.previous;
  const open = offer.items.filter((i) => !agenda.some((a) => a.carriedFrom?.itemId === i.id));
  if (open.length === 0) return null;
  return (
    <div className="card backlog no-print" data-testid="backlog">
      <h3>{t("meeting.backlog", { title: previous.title })}</h3>
      <ul className="plain">
        {open.map((i) => (
          <li key={i.id}>
            {i.title}{" "}
            <button
              type="button"
              className="link"
              data-testid="backlog-add"
              onClick={() =>
                onAdd({
                  title: i.title,
                  minutes: i.minutes,
                  presenter: i.presenter,
                  planLinks: i.planLinks,
                  carriedFrom: { meetingId: previous.id, itemId: i.id },
                })
              }
            >
              {t("meeting.backlog.add")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
