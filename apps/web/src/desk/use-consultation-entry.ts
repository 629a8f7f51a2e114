/**
 * The quick entry form's state: the coded fields (restored from and kept as the device's
 * draft), the texts, the referral, the checks before sending, the request and its answer.
 */
import type { ConsultationCase, DeskList, ResourceRef } from "@tsumugi/contract";
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import {
  type Coded,
  defaultsOf,
  EMPTY_TEXTS,
  entryBody,
  entryProblems,
  SERVER_FIELD,
  type Texts,
} from "./consultation-entry";
import type { DeskApi } from "./desk-api";
import { clearDraft, loadDraft, saveDraft } from "./desk-draft";

export interface EntryProps {
  wid: string;
  api: DeskApi;
  desks: DeskList;
  /** A later contact of this case (its desk and person are the case's). */
  forCase?: ConsultationCase;
  onSaved: (caseId: string, caseNo: number) => void;
}

export function useConsultationEntry(props: EntryProps) {
  const { wid, api, desks, forCase } = props;
  const writable = desks.desks.filter((d) => d.abilities.writeRecords);
  const caseDesk = forCase ? desks.desks.find((d) => d.id === forCase.deskId) : undefined;
  const draftKey = forCase ? `${wid}:case:${forCase.id}` : wid;
  const [coded, setCoded] = useState<Coded>(() => {
    const base = defaultsOf(caseDesk ?? writable[0]);
    const draft = loadDraft(draftKey);
    if (!draft) return base;
    const merged = { ...base, ...draft } as Coded;
    // A desk the person no longer keeps is not offered.
    if (!writable.some((d) => d.id === merged.deskId)) merged.deskId = base.deskId;
    return merged;
  });
  const [restored] = useState(() => loadDraft(draftKey) !== null);
  const [texts, setTexts] = useState<Texts>(EMPTY_TEXTS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ caseId: string; caseNo: number } | null>(null);
  const [busy, setBusy] = useState(false);
  // The directory entry referred to: not identifying, but not kept in the device's draft either.
  const [referral, setReferral] = useState<ResourceRef | null>(null);
  const first = useRef<HTMLSelectElement | HTMLInputElement | null>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);
  useEffect(() => {
    saveDraft(draftKey, coded as unknown as Record<string, unknown>);
  }, [draftKey, coded]);

  const desk = desks.desks.find((d) => d.id === coded.deskId);
  const set = <K extends keyof Coded>(k: K, v: Coded[K]) => setCoded((c) => ({ ...c, [k]: v }));
  const setText = (k: keyof Texts, v: string) => setTexts((x) => ({ ...x, [k]: v }));
  const readBack = useMemo(() => {
    const ms = Date.parse(`${coded.receivedAt}:00+09:00`);
    return Number.isFinite(ms) ? formatWarekiDateTime(ms) : "";
  }, [coded.receivedAt]);

  function changeDesk(id: string) {
    const d = desks.desks.find((x) => x.id === id);
    setCoded((c) => ({
      ...c,
      deskId: id,
      method: d?.defaultMethod ?? c.method,
      areaId: d?.defaultAreaId ?? c.areaId,
    }));
  }

  async function submit(ev?: FormEvent) {
    ev?.preventDefault();
    if (busy) return;
    const found = entryProblems(coded, texts, forCase !== undefined);
    setErrors(found);
    setSaved(null);
    if (Object.keys(found).length > 0) {
      setBanner(t("desk.entry.fixErrors"));
      return;
    }
    setBusy(true);
    setBanner(null);
    try {
      const res = await api.create(entryBody(coded, texts, referral, forCase?.id));
      clearDraft(draftKey);
      setSaved({ caseId: res.consultation.caseId, caseNo: res.caseNo });
      setTexts(EMPTY_TEXTS);
      setReferral(null);
      setCoded(defaultsOf(desk));
      setErrors({});
      props.onSaved(res.consultation.caseId, res.caseNo);
      first.current?.focus();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        const mapped: Record<string, string> = {};
        for (const [k, v] of Object.entries(err.fields)) mapped[SERVER_FIELD[k] ?? k] = v;
        setErrors(mapped);
        setBanner(t("desk.entry.fixErrors"));
      } else setBanner(err instanceof Error ? err.message : t("error.unknown"));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(ev: KeyboardEvent) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void submit();
    }
  }

  function discard() {
    clearDraft(draftKey);
    setCoded(defaultsOf(desk));
    setTexts(EMPTY_TEXTS);
    setReferral(null);
    setErrors({});
    setBanner(null);
  }

  return {
    writable,
    desk,
    coded,
    texts,
    errors,
    banner,
    saved,
    busy,
    restored,
    referral,
    setReferral,
    first,
    readBack,
    set,
    setText,
    changeDesk,
    submit,
    onKeyDown,
    discard,
  };
}
