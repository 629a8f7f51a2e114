/**
 * Who is on which plan row: each client puts the row it is editing in its awareness state
 * (`focus`), and the lists mark rows others are on with their name and colour.
 */
import type { PlanTable } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

export interface RowVisitor {
  userId: string;
  name: string;
  color: string;
}

export const rowKey = (table: PlanTable, id: string) => `${table}:${id}`;

export function setFocusedRow(provider: WebsocketProvider, table: PlanTable | null, id: string | null): void {
  provider.awareness.setLocalStateField("focus", table && id ? { table, id } : null);
}

export function useRowPresence(provider: WebsocketProvider | null): Map<string, RowVisitor[]> {
  const [rows, setRows] = useState(new Map<string, RowVisitor[]>());
  useEffect(() => {
    if (!provider) return;
    const { awareness } = provider;
    const update = () => {
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
      setRows(next);
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [provider]);
  return rows;
}
