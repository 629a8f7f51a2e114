/**
 * People counted at the door (当日の人数): a 職種, an organisation and how many, without names —
 * how a lecture nobody registered for gets its attendance. For the event's organisers.
 */
import type { AttendanceSummary, DoorCountList, Event } from "@tsumugi/contract";
import type { PROFESSION_IDS } from "@tsumugi/domain";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { ProfessionSelect } from "./choice-selects";
import type { EventsApi } from "./events-api";

export function DoorCounts(props: {
  api: EventsApi;
  event: Event;
  onAttendance(a: AttendanceSummary): void;
}) {
  const { api, event, onAttendance } = props;
  const [list, setList] = useState<DoorCountList | null>(null);
  const [profession, setProfession] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [headcount, setHeadcount] = useState("1");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .doorCounts(event.id)
      .then(setList)
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [api, event.id]);

  const show = (next: DoorCountList) => {
    setList(next);
    onAttendance(next.attendance);
  };
  const fail = (err: unknown) => {
    if (err instanceof ApiError) {
      setFields(err.fields);
      setError(Object.keys(err.fields).length > 0 ? null : err.message);
    } else setError(String(err));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const n = Number(headcount);
      show(
        await api.addDoorCount(event.id, {
          profession: profession as (typeof PROFESSION_IDS)[number],
          organisation,
          headcount: Number.isInteger(n) && headcount.trim() !== "" ? n : Number.NaN,
        }),
      );
      // The organisation stays for the next 職種 of the same group.
      setHeadcount("1");
      setProfession("");
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card door-counts" aria-labelledby="door-counts-title">
      <h2 id="door-counts-title">{t("events.doorCounts")}</h2>
      <p className="muted small">{t("events.doorCountsHelp")}</p>
      <ErrorBanner message={error} />
      {event.status === "cancelled" ? (
        <p className="muted">{t("events.doorCountsCancelled")}</p>
      ) : (
        <form className="door-count-form" onSubmit={submit} data-testid="door-count-form" noValidate>
          <Field label={t("events.profession")} error={fields.profession}>
            <ProfessionSelect
              value={profession}
              onChange={setProfession}
              testId="door-count-profession"
              withUnknown
            />
          </Field>
          <Field label={t("events.organisationOptional")} error={fields.organisation}>
            <input
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              data-testid="door-count-organisation"
            />
          </Field>
          <Field label={t("events.headcount")} error={fields.headcount}>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              value={headcount}
              onChange={(e) => setHeadcount(e.target.value)}
              className="count-input"
              data-testid="door-count-headcount"
            />
          </Field>
          <div className="door-count-submit">
            <button type="submit" disabled={busy} data-testid="door-count-add">
              {t("events.doorCountAdd")}
            </button>
          </div>
        </form>
      )}
      {list && list.counts.length > 0 && (
        <div className="table-scroll">
          <table className="grid-table" data-testid="door-count-rows">
            <thead>
              <tr>
                <th>{t("events.profession")}</th>
                <th>{t("events.organisation")}</th>
                <th>{t("events.headcount")}</th>
                <th>{t("events.doorCountActions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.counts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{t(`profession.${c.profession}` as MessageKey)}</th>
                  <td>{c.organisation || t("events.noOrganisation")}</td>
                  <td className="num">{t("events.people", { n: c.headcount })}</td>
                  <td>
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => {
                        if (!window.confirm(t("events.doorCountConfirmRemove"))) return;
                        api.removeDoorCount(event.id, c.id).then(show).catch(fail);
                      }}
                    >
                      {t("common.delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
