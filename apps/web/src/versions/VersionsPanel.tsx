/**
 * A document's versions: named and automatic ones with author and time; view one, compare
 * two side by side with the changes marked, restore one as a new change.
 */
import type { Version } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { type Block, blocksOfState, compareBlocks } from "./version-text";
import { versionsApi } from "./versions-api";

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function VersionsPanel({
  wid,
  documentId,
  editable,
}: {
  wid: string;
  documentId: string;
  editable: boolean;
}) {
  const api = useMemo(() => versionsApi(wid, documentId), [wid, documentId]);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [label, setLabel] = useState("");
  const [picked, setPicked] = useState<number[]>([]);
  const [blocks, setBlocks] = useState<Map<number, Block[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => setVersions((await api.list()).versions), [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const fetchBlocks = async (id: number): Promise<Block[]> => {
    const cached = blocks.get(id);
    if (cached) return cached;
    const res = await api.state(id);
    const b = blocksOfState(decode(res.state));
    setBlocks((m) => new Map(m).set(id, b));
    return b;
  };

  const toggle = async (id: number) => {
    const next = picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id].slice(-2);
    setPicked(next);
    for (const v of next) await fetchBlocks(v);
  };

  const save = async () => {
    try {
      await api.create({ label });
      setLabel("");
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const restore = async (id: number) => {
    if (!window.confirm(t("versions.confirmRestore"))) return;
    try {
      await api.restore(id);
      setNotice(t("versions.restored"));
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const [a, b] = [...picked].sort((x, y) => x - y);
  return (
    <section className="versions" data-testid="versions">
      <h2>{t("meeting.tab.versions")}</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {notice && <p className="notice">{notice}</p>}
      {editable && (
        <div className="row no-print">
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder={t("versions.label")}
            aria-label={t("versions.label")}
            data-testid="version-label"
          />
          <button type="button" onClick={save} disabled={label.trim() === ""} data-testid="version-save">
            {t("versions.name")}
          </button>
        </div>
      )}
      {versions?.length === 0 && <p className="muted">{t("versions.empty")}</p>}
      <table className="grid-table versions-table">
        <tbody>
          {versions?.map((v) => (
            <tr key={v.id} data-testid="version-row">
              <td>
                <input
                  type="checkbox"
                  checked={picked.includes(v.id)}
                  onChange={() => void toggle(v.id)}
                  aria-label={t("versions.compare")}
                  data-testid="version-pick"
                />
              </td>
              <td className="nowrap">{formatWarekiDateTime(v.createdAt)}</td>
              <td>{v.label || t(`versions.reason.${v.reason}` as MessageKey)}</td>
              <td className="muted">{t(`versions.reason.${v.reason}` as MessageKey)}</td>
              <td className="nowrap">{v.createdByName}</td>
              <td>
                {editable && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => void restore(v.id)}
                    data-testid="version-restore"
                  >
                    {t("versions.restore")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {picked.length === 1 && blocks.get(picked[0]) && (
        <div className="version-view card" data-testid="version-view">
          {(blocks.get(picked[0]) ?? []).map((block, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a version's blocks never reorder
            <p key={`${i}-${block.text}`} className={`block-${block.kind}`}>
              {block.text}
            </p>
          ))}
        </div>
      )}
      {picked.length === 2 && blocks.get(a) && blocks.get(b) && (
        <table className="grid-table compare" data-testid="version-compare">
          <thead>
            <tr>
              <th>{t("versions.left")}</th>
              <th>{t("versions.right")}</th>
            </tr>
          </thead>
          <tbody>
            {compareBlocks(blocks.get(a) ?? [], blocks.get(b) ?? []).map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a comparison's rows never reorder
              <tr key={`${i}-${row.change}`} className={`cmp-${row.change}`} data-change={row.change}>
                <td>{row.left?.text ?? ""}</td>
                <td>{row.right?.text ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {picked.length === 0 && (versions?.length ?? 0) > 1 && <p className="muted">{t("versions.pickTwo")}</p>}
    </section>
  );
}
