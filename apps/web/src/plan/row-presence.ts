/**
 * Who is on which plan row: each client puts the row it is editing in its awareness state
 * (`focus`), and the lists mark rows others are on with their name and colour. Rows subscribe
 * to their own key, so someone moving from row 3 to row 4 re-renders those two rows only.
 */
import type { PlanTable } from "@tsumugi/domain";
import { useCallback, useSyncExternalStore } from "react";
import type { WebsocketProvider } from "y-websocket";

export interface RowVisitor {
  userId: string;
  name: string;
  color: string;
}

export const rowKey = (table: PlanTable, id: string) => `${table}:${id}`;

export function setFocusedRow(provider: WebsocketProvider, table: PlanTable | null, id: string | null): void {
  const current = (provider.awareness.getLocalState() as { focus?: { table?: string; id?: string } } | null)
    ?.focus;
  if ((current?.table ?? null) === table && (current?.id ?? null) === id) return;
  provider.awareness.setLocalStateField("focus", table && id ? { table, id } : null);
}

const NONE: readonly RowVisitor[] = [];

const sameVisitors = (a: readonly RowVisitor[], b: readonly RowVisitor[]) =>
  a.length === b.length &&
  a.every((v, i) => v.userId === b[i].userId && v.name === b[i].name && v.color === b[i].color);

export class RowPresence {
  private rows = new Map<string, readonly RowVisitor[]>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly stop: () => void;

  constructor(private readonly provider: WebsocketProvider) {
    const { awareness } = provider;
    const update = () => this.update();
    awareness.on("change", update);
    this.stop = () => awareness.off("change", update);
    this.update();
  }

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }

  private update(): void {
    const { awareness } = this.provider;
    const next = new Map<string, RowVisitor[]>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const focus = (state as { focus?: { table?: string; id?: string } }).focus;
      const user = (state as { user?: { userId?: string; name?: string; color?: string } }).user;
      if (!focus?.table || !focus.id || !user?.name || !user.userId) continue;
      const key = `${focus.table}:${focus.id}`;
      const list = next.get(key) ?? [];
      if (!list.some((v) => v.userId === user.userId))
        list.push({ userId: user.userId, name: user.name, color: user.color ?? "#888888" });
      next.set(key, list);
    }
    const changed: string[] = [];
    const merged = new Map<string, readonly RowVisitor[]>();
    for (const [key, list] of next) {
      const before = this.rows.get(key);
      if (before && sameVisitors(before, list)) merged.set(key, before);
      else {
        merged.set(key, list);
        changed.push(key);
      }
    }
    for (const key of this.rows.keys()) if (!next.has(key)) changed.push(key);
    this.rows = merged;
    for (const key of changed) for (const listener of [...(this.listeners.get(key) ?? [])]) listener();
  }

  visitors(table: PlanTable, id: string): readonly RowVisitor[] {
    return this.rows.get(rowKey(table, id)) ?? NONE;
  }

  subscribe(table: PlanTable, id: string, listener: () => void): () => void {
    const key = rowKey(table, id);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }
}

/** The others on one row; the component renders again only when they change. */
export function useRowVisitors(presence: RowPresence, table: PlanTable, id: string): readonly RowVisitor[] {
  return useSyncExternalStore(
    useCallback((cb) => presence.subscribe(table, id, cb), [presence, table, id]),
    () => presence.visitors(table, id),
  );
}
