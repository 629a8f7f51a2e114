/** The plan page's state that outlives a render: its store, its row presence, its sticky tabs. */
import { type RefObject, useEffect, useLayoutEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { PlanStore } from "./plan-store";
import { RowPresence } from "./row-presence";

/** The plan's store while `doc` is shown; a new store for another document. */
export function usePlanStore(doc: Y.Doc | null): PlanStore | null {
  const [store, setStore] = useState<PlanStore | null>(null);
  useEffect(() => {
    if (!doc) {
      setStore(null);
      return;
    }
    const next = new PlanStore(doc);
    setStore(next);
    return () => next.destroy();
  }, [doc]);
  return store && store.doc === doc ? store : null;
}

export function useRowPresence(provider: WebsocketProvider | null): RowPresence | null {
  const [presence, setPresence] = useState<{ provider: WebsocketProvider; rows: RowPresence } | null>(null);
  useEffect(() => {
    if (!provider) return;
    const rows = new RowPresence(provider);
    setPresence({ provider, rows });
    return () => rows.destroy();
  }, [provider]);
  return presence && presence.provider === provider ? presence.rows : null;
}

/** Sets --plan-sticky-top on the page to the height of the sticky tab bar. */
export function useStickyOffset(
  pageRef: RefObject<HTMLElement | null>,
  tabsRef: RefObject<HTMLElement | null>,
  shown: boolean,
): void {
  useLayoutEffect(() => {
    const page = pageRef.current;
    const tabs = tabsRef.current;
    if (!shown || !page || !tabs) return;
    const set = () => page.style.setProperty("--plan-sticky-top", `${tabs.offsetHeight}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(tabs);
    return () => observer.disconnect();
  }, [pageRef, tabsRef, shown]);
}
