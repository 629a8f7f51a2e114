/**
 * An event's materials (資料): the files of the day (slides, handouts, the venue map). The
 * organisers add files, rename them, choose which are offered on the public page and delete
 * them; everyone else of the municipality downloads them. A co-hosting municipality sees only
 * those on the public page. The server checks each file's type from its contents.
 */
import type { Event, EventMaterial } from "@tsumugi/contract";
import { formatTimestamp } from "@tsumugi/domain";
import { type ChangeEvent, useCallback, useRef, useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { errorMessage } from "../ui/loaded";
import { useLoaded } from "../ui/use-loaded";
import type { EventsApi } from "./events-api";
import { formatSize, materialKind } from "./material-format";
import "./outreach.css";

/** What the file input offers (the server decides from the contents). */
const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp";

export function MaterialsView({ api, event }: { api: EventsApi; event: Event }) {
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const editable = event.abilities.update;

  const { data, error, setData, setError } = useLoaded(
    useCallback(() => api.materials(event.id), [api, event.id]),
  );
  const list = data?.materials;
  const scope = data?.scope ?? "all";
  const maxBytes = data?.maxBytes ?? 0;
  const setList = (change: (list: EventMaterial[]) => EventMaterial[]) =>
    setData((d) => ({ ...d, materials: change(d.materials) }));

  const addFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = "";
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const problems: string[] = [];
    const added: string[] = [];
    // One at a time: each file is accepted or refused on its own, with its own reason.
    for (const file of files) {
      if (maxBytes > 0 && file.size > maxBytes) {
        problems.push(t("materials.tooLarge", { name: file.name, max: formatSize(maxBytes) }));
        continue;
      }
      try {
        const res = await api.uploadMaterial(event.id, file);
        added.push(res.material.name);
        setList((l) => [...l, res.material]);
      } catch (err) {
        problems.push(`${file.name}：${errorMessage(err)}`);
      }
    }
    if (problems.length) setError(problems.join("\n"));
    if (added.length) setNotice(t("materials.added", { n: added.length }));
    setBusy(false);
  };

  const replace = (m: EventMaterial) => setList((l) => l.map((x) => (x.id === m.id ? m : x)));
  const run = async (action: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (!list) return error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>;
  return (
    <section className="materials" aria-labelledby="materials-title" data-testid="materials">
      <h2 id="materials-title">{t("materials.title")}</h2>
      <p className="muted small">
        {scope === "public"
          ? t("materials.cohostScope")
          : editable
            ? t("materials.hint")
            : t("materials.readHint")}
      </p>
      {editable && (
        <div className="materials-add">
          <input
            ref={input}
            id="material-file"
            type="file"
            multiple
            accept={ACCEPT}
            className="outreach-hidden"
            tabIndex={-1}
            aria-label={t("materials.add")}
            onChange={addFiles}
            disabled={busy}
            data-testid="material-file"
          />
          <button
            type="button"
            onClick={() => input.current?.click()}
            disabled={busy}
            data-testid="material-add"
          >
            {busy ? t("materials.uploading") : t("materials.add")}
          </button>
          <span className="muted small">{t("materials.limits", { max: formatSize(maxBytes) })}</span>
        </div>
      )}
      <div className="materials-messages">
        <ErrorBanner message={error} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </div>
      {list.length === 0 ? (
        <p className="muted" data-testid="materials-empty">
          {scope === "public" ? t("materials.noneCohost") : t("materials.none")}
        </p>
      ) : (
        <ul className="plain material-list">
          {list.map((m) => (
            <MaterialRow
              key={m.id}
              api={api}
              event={event}
              material={m}
              editable={editable}
              run={run}
              onChanged={replace}
              onDeleted={() => setList((l) => l.filter((x) => x.id !== m.id))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function MaterialRow(props: {
  api: EventsApi;
  event: Event;
  material: EventMaterial;
  editable: boolean;
  run(action: () => Promise<void>): Promise<void>;
  onChanged(m: EventMaterial): void;
  onDeleted(): void;
}) {
  const { api, event, material: m, editable, run } = props;
  const [renaming, setRenaming] = useState(false);
  const dot = m.name.lastIndexOf(".");
  const [stem, setStem] = useState(m.name.slice(0, dot));
  const ext = m.name.slice(dot);
  return (
    <li className="material-row" data-testid="material-row">
      <div className="material-main">
        <span className="material-kind badge">{materialKind(m.type)}</span>
        {renaming ? (
          <form
            className="material-rename"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                props.onChanged(
                  (await api.updateMaterial(event.id, m.id, { name: `${stem.trim()}${ext}` })).material,
                );
                setRenaming(false);
              });
            }}
          >
            <label>
              <span className="outreach-hidden">{t("materials.newName")}</span>
              <input
                value={stem}
                maxLength={120 - ext.length}
                onChange={(e) => setStem(e.target.value)}
                data-testid="material-name-input"
              />
            </label>
            <span>{ext}</span>
            <button type="submit" className="secondary">
              {t("common.save")}
            </button>
            <button type="button" className="link" onClick={() => setRenaming(false)}>
              {t("common.cancel")}
            </button>
          </form>
        ) : (
          <a href={m.path} download={m.name} className="material-name" data-testid="material-link">
            {m.name}
          </a>
        )}
        <span className="muted small nowrap">
          {formatSize(m.size)}・{formatTimestamp(m.uploadedAt)}
        </span>
        {m.public && !editable && <span className="badge write">{t("materials.public")}</span>}
      </div>
      {editable && (
        <div className="material-actions">
          <label className="check">
            <input
              type="checkbox"
              checked={m.public}
              onChange={(e) =>
                void run(async () =>
                  props.onChanged(
                    (await api.updateMaterial(event.id, m.id, { public: e.target.checked })).material,
                  ),
                )
              }
              data-testid="material-public"
            />
            {t("materials.offerPublic")}
          </label>
          {!renaming && (
            <button
              type="button"
              className="link"
              onClick={() => setRenaming(true)}
              aria-label={t("materials.renameOf", { name: m.name })}
            >
              {t("materials.rename")}
            </button>
          )}
          <button
            type="button"
            className="link danger-link"
            aria-label={t("materials.deleteOf", { name: m.name })}
            onClick={() => {
              if (!window.confirm(t("materials.confirmDelete", { name: m.name }))) return;
              void run(async () => {
                await api.removeMaterial(event.id, m.id);
                props.onDeleted();
              });
            }}
            data-testid="material-delete"
          >
            {t("common.delete")}
          </button>
        </div>
      )}
    </li>
  );
}
