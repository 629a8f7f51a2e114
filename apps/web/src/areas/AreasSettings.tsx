/**
 * The 日常生活圏域 list, kept by the secretariat: add an area (with the 町名 that place an
 * imported address in it), rename it, change its towns, move it up or down, delete it. An area
 * that records, desks or directory entries name is deleted only into another area, which takes
 * them over (the statistics count them there). The desk and the resource directory both read
 * this one list; others see it read-only.
 */
import type { Area, AreaList } from "@tsumugi/contract";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { areasApi, parseTowns } from "./areas-api";
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

/** What names an area, the kinds that do only: 相談記録 64件・資源 5件. */
function usageText(u: NonNullable<Area["usage"]>): string {
  const parts = [
    u.cases > 0 ? t("areas.usage.cases", { n: u.cases }) : "",
    u.desks > 0 ? t("areas.usage.desks", { n: u.desks }) : "",
    u.resources > 0 ? t("areas.usage.resources", { n: u.resources }) : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("・") : t("areas.unused");
}

/** Adds an area (no `area`) or edits one. */
function AreaForm(props: {
  area?: Area;
  onSave: (body: { name: string; towns: string[] }) => Promise<void>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(props.area?.name ?? "");
  const [towns, setTowns] = useState((props.area?.towns ?? []).join("\n"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editing = props.area !== undefined;
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.onSave({ name: name.trim(), towns: parseTowns(towns) });
      setErrors({});
      if (!editing) {
        setName("");
        setTowns("");
      }
    } catch (e) {
      setErrors(e instanceof ApiError ? e.fields : {});
    }
  }
  const prefix = editing ? "area-edit" : "area-new";
  return (
    <form
      className={editing ? "areas-form" : "areas-form areas-add"}
      onSubmit={submit}
      data-testid={`${prefix}-form`}
    >
      {!editing && <h4>{t("areas.add")}</h4>}
      <Field label={t("areas.name")} error={errors.name}>
        <input
          value={name}
          maxLength={50}
          onChange={(e) => setName(e.target.value)}
          data-testid={`${prefix}-name`}
        />
      </Field>
      <Field label={t("areas.towns")} error={errors.towns}>
        <textarea
          rows={3}
          value={towns}
          onChange={(e) => setTowns(e.target.value)}
          data-testid={`${prefix}-towns`}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" data-testid={`${prefix}-save`}>
          {editing ? t("areas.save") : t("areas.add")}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t("areas.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** Confirms a deletion; an area in use names the area that takes over. */
function DeleteArea(props: {
  area: Area;
  others: Area[];
  onDelete: (moveTo: string | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const u = props.area.usage;
  const used = u !== undefined && u.cases + u.desks + u.resources > 0;
  const [moveTo, setMoveTo] = useState(props.others[0]?.id ?? "");
  const [error, setError] = useState<string | undefined>(undefined);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.onDelete(used ? moveTo : undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.fields.moveTo : undefined);
    }
  }
  return (
    <form className="areas-delete" onSubmit={submit} data-testid="area-delete-form">
      <p>
        {t("areas.deleteConfirm", { name: props.area.name })}
        {u && used && ` ${usageText(u)}`}
      </p>
      {used && props.others.length === 0 ? (
        <p className="field-error">{t("areas.deleteNoTarget")}</p>
      ) : (
        used && (
          <>
            <Field label={t("areas.deleteMove")} error={error}>
              <select value={moveTo} onChange={(e) => setMoveTo(e.target.value)} data-testid="area-move-to">
                {props.others.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            <p className="muted small">{t("areas.deleteMoveHelp")}</p>
          </>
        )
      )}
      <div className="actions">
        <button
          type="submit"
          className="danger"
          disabled={used && props.others.length === 0}
          data-testid="area-delete-confirm"
        >
          {t("areas.deleteDo")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("areas.cancel")}
        </button>
      </div>
    </form>
  );
}
