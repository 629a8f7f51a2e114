/** The directory of a workspace and the plan actions (取組) its entries are linked to. */
import type { ResourceDirectory, ResourceLinkList } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { resourcesApi } from "./resources-api";

export function useResourceDirectory(wid: string): {
  api: ReturnType<typeof resourcesApi>;
  data: ResourceDirectory | null;
  error: string | null;
  reload: () => Promise<void>;
  /** The titles of the plan actions an entry is linked to, shown on its card. */
  actionsOf: (id: string) => string[];
} {
  const [data, setData] = useState<ResourceDirectory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => resourcesApi(wid), [wid]);
  const reload = useCallback(async () => {
    try {
      setData(await api.directory());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error.unknown"));
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const [links, setLinks] = useState<ResourceLinkList | null>(null);
  useEffect(() => {
    api
      .actionLinks()
      .then(setLinks)
      .catch(() => setLinks(null));
  }, [api]);
  const actionsOf = (id: string) =>
    (links?.links ?? [])
      .filter((l) => l.resourceId === id)
      .map((l) => links?.targets.find((x) => x.id === l.targetId)?.title)
      .filter((title): title is string => Boolean(title));
  return { api, data, error, reload, actionsOf };
}
