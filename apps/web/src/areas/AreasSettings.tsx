/**
 * The 日常生活圏域 list, kept by the secretariat: add an area (with the 町名 that place an
 * imported address in it), rename it, change its towns, move it up or down, delete it. An area
 * that records, desks or directory entries name is deleted only into another area, which takes
 * them over (the statistics count them there). The desk and the resource directory both read
 * this one list; others see it read-only.
 */
import type { AreaList } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { AreaForm, DeleteArea, usageText } from "./AreaForms";
import { areasApi } from "./areas-api";
import "./areas.css";

export function AreasSettings(props: { wid: string; onChanged?: () => void }) {
  const api = useMemo(() => areasApi(props.wid), [props.wid]);
  const [list, setList] = useState<AreaList | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const { onChanged } = props;

  const load = useCallback(async () => {
    try {
      setList(await api.list());
    } catch (e) {
      setBanner((e as Error).message);
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a change; on success reloads the list, says so and tells the screen around. */
  async function change(run: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await run();
      // The list as it now is first, then the line that says so: what the status announces
      // is on screen.
      await load();
      setBanner(null);
      setStatus(done);
      onChanged?.();
      return true;
    } catch (e) {
      setStatus(null);
      if (!(e instanceof ApiError && e.code === "validation")) setBanner((e as Error).message);
      throw e;
    }
  }

  if (!list) return <ErrorBanner message={banner} />;
  const manage = list.abilities.manage;
  return (
    <section className="card areas-settings" data-testid="areas-settings" aria-labelledby="areas-title">
      <h3 id="areas-title">{t("areas.title")}</h3>
      <p className="muted small">{manage ? t("areas.help") : t("areas.readOnly")}</p>
      <ErrorBanner message={banner} />
      {status && (
        <p role="status" className="areas-status" data-testid="areas-status">
          {status}
        </p>
      )}
      {list.areas.length === 0 ? (
        <p className="muted">{t("areas.empty")}</p>
      ) : (
        <ol className="areas-list">
          {list.areas.map((area, i) => (
            <li key={area.id} className="areas-item" data-testid="area-item" data-area-id={area.id}>
              {editing === area.id ? (
                <AreaForm
                  area={area}
                  onCancel={() => setEditing(null)}
                  onSave={async (body) => {
                    await change(() => api.update(area.id, body), t("areas.saved", { name: body.name }));
                    setEditing(null);
                  }}
                />
              ) : (
                <>
                  <div className="areas-summary">
                    <strong className="areas-name" data-testid="area-name">
                      {area.name}
                    </strong>
                    <span className="muted small" title={area.towns.join("、")}>
                      {area.towns.length
                        ? t("areas.townsCount", { n: area.towns.length })
                        : t("areas.noTowns")}
                    </span>
                    {area.usage && (
                      <span className="muted small" data-testid="area-usage">
                        {usageText(area.usage)}
                      </span>
                    )}
                  </div>
                  {manage && (
                    <div className="areas-actions">
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          setDeleting(null);
                          setEditing(area.id);
                        }}
                        data-testid="area-edit"
                      >
                        {t("areas.edit")}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={i === 0}
                        aria-label={t("areas.upLabel", { name: area.name })}
                        onClick={() =>
                          void change(
                            () => api.update(area.id, { position: i - 1 }),
                            t("areas.saved", { name: area.name }),
                          ).catch(() => {})
                        }
                        data-testid="area-up"
                      >
                        {t("areas.up")}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={i === list.areas.length - 1}
                        aria-label={t("areas.downLabel", { name: area.name })}
                        onClick={() =>
                          void change(
                            () => api.update(area.id, { position: i + 1 }),
                            t("areas.saved", { name: area.name }),
                          ).catch(() => {})
                        }
                        data-testid="area-down"
                      >
                        {t("areas.down")}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={t("areas.deleteLabel", { name: area.name })}
                        onClick={() => {
                          setEditing(null);
                          setDeleting(area.id);
                        }}
                        data-testid="area-delete"
                      >
                        {t("areas.delete")}
                      </button>
                    </div>
                  )}
                  {deleting === area.id && (
                    <DeleteArea
                      area={area}
                      others={list.areas.filter((a) => a.id !== area.id)}
                      onCancel={() => setDeleting(null)}
                      onDelete={async (moveTo) => {
                        await change(
                          () => api.remove(area.id, moveTo),
                          t("areas.deleted", { name: area.name }),
                        );
                        setDeleting(null);
                      }}
                    />
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {manage && (
        <AreaForm
          key={list.areas.length}
          onSave={async (body) => {
            await change(() => api.create(body), t("areas.added", { name: body.name }));
          }}
        />
      )}
    </section>
  );
}
