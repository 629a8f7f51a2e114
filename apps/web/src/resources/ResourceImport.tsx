/**
 * The secretariat's open-data import: choose a CSV (介護サービス情報公表 or 医療情報ネット, UTF-8
 * with or without BOM, or Shift_JIS), see what it would add, change and close field by field
 * with the file's problems row by row, and only then write it.
 */
import type { ImportPreview } from "@tsumugi/contract";
import { resourceKindLabel } from "@tsumugi/domain";
import { useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { FieldChangesTable } from "./FieldChangesTable";
import { resourcesApi } from "./resources-api";

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ResourceImport({ wid, onImported }: { wid: string; onImported: () => Promise<void> }) {
  const api = useMemo(() => resourcesApi(wid), [wid]);
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : t("error.unknown"));

  return (
    <section className="resource-import" data-testid="resource-import">
      <p>{t("resources.import.intro")}</p>
      <Field label={t("resources.import.file")}>
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="import-file"
          onChange={async (e) => {
            const chosen = e.target.files?.[0];
            setPreview(null);
            setDone(null);
            setError(null);
            if (!chosen) return;
            setBusy(true);
            try {
              const next = { fileName: chosen.name, content: await base64Of(chosen) };
              setFile(next);
              setPreview(await api.preview(next));
            } catch (err) {
              fail(err);
            } finally {
              setBusy(false);
            }
          }}
        />
      </Field>
      {busy && <p className="muted">{t("resources.import.reading")}</p>}
      <ErrorBanner message={error} />
      {done && (
        <p className="notice" role="status" data-testid="import-done">
          {done}
        </p>
      )}
      {preview && file && (
        <div className="import-preview" data-testid="import-preview">
          <dl className="import-facts">
            <dt>{t("resources.import.format")}</dt>
            <dd data-testid="import-format">{preview.formatLabel}</dd>
            <dt>{t("resources.import.encoding")}</dt>
            <dd>{preview.encoding ? t(`resources.encoding.${preview.encoding}`) : "—"}</dd>
            <dt>{t("resources.import.rows")}</dt>
            <dd>{t("resources.import.rowsValue", { total: preview.totalRows, area: preview.areaRows })}</dd>
          </dl>
          <ul className="import-summary plain" data-testid="import-summary">
            <li>{t("resources.import.added", { n: preview.summary.added })}</li>
            <li>{t("resources.import.changed", { n: preview.summary.changed })}</li>
            <li>{t("resources.import.gone", { n: preview.summary.gone })}</li>
            <li>{t("resources.import.kept", { n: preview.summary.kept })}</li>
          </ul>
          {preview.problems.length > 0 && (
            <div className="import-problems" data-testid="import-problems">
              <h3>{t("resources.import.problems")}</h3>
              <ul>
                {preview.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is fixed per preview
                  <li key={i} className={p.severity === "error" ? "error-text" : ""}>
                    {p.row > 0 && `${t("resources.import.row", { row: p.row })} `}
                    {p.column && `「${p.column}」 `}
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview.added.length > 0 && (
            <details open={preview.added.length <= 20}>
              <summary>{t("resources.import.added", { n: preview.added.length })}</summary>
              <ul>
                {preview.added.map((a) => (
                  <li key={a.key}>
                    {a.name}{" "}
                    <span className="muted">
                      （{resourceKindLabel(a.kind)}・{a.address}）
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {preview.changed.length > 0 && (
            <details open>
              <summary>{t("resources.import.changed", { n: preview.changed.length })}</summary>
              {preview.changed.map((c) => (
                <div key={c.id} className="import-change">
                  <h4>{c.name}</h4>
                  <FieldChangesTable changes={c.changes} after={t("resources.import.after")} />
                </div>
              ))}
            </details>
          )}
          {preview.gone.length > 0 && (
            <details open>
              <summary>{t("resources.import.gone", { n: preview.gone.length })}</summary>
              <ul>
                {preview.gone.map((g) => (
                  <li key={g.id}>{g.name}</li>
                ))}
              </ul>
            </details>
          )}
          {!preview.canImport && <p className="error-text">{t("resources.import.cannot")}</p>}
          <button
            type="button"
            className="primary"
            disabled={!preview.canImport || busy}
            data-testid="import-confirm"
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await api.confirm({ ...file, confirm: preview.digest });
                const s = preview.summary;
                setDone(
                  s.added + s.changed + s.gone === 0
                    ? t("resources.import.nothing")
                    : t("resources.import.done", { added: s.added, changed: s.changed, gone: s.gone }),
                );
                setPreview(null);
                await onImported();
              } catch (err) {
                fail(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("resources.import.confirm")}
          </button>
        </div>
      )}
    </section>
  );
}
