/**
 * The plan of a Y.Doc as the screens read it, kept up to date row by row: an edit re-reads and
 * re-validates only the rows it touched, every other row keeps its object, and readers
 * subscribe per table. A keystroke in one cell therefore costs one row's parse and one row's
 * render, however long the plan is (the lists memoise their rows on these objects).
 */
import {
  clearDemoMarksOnRewrite,
  type InvalidRow,
  PLAN_TABLES,
  type PlanTable,
  parsePlanRow,
  planMeta,
  readPlanTexts,
  readRow,
  sortEvents,
  sortOrdered,
  tableOf,
  type YearPlan,
} from "@tsumugi/domain";
import { useCallback, useRef, useSyncExternalStore } from "react";
import type * as Y from "yjs";

export type PlanRow<T extends PlanTable> = YearPlan[T][number];

interface TableCache {
  byId: Map<string, PlanRow<PlanTable>>;
  invalidById: Map<string, InvalidRow>;
  rows: readonly PlanRow<PlanTable>[];
}

type Topic = PlanTable | "meta" | "invalid";

export class PlanStore {
  private readonly tables = new Map<PlanTable, TableCache>();
  private readonly listeners = new Map<Topic, Set<() => void>>();
  private invalidList: readonly InvalidRow[] = [];
  private fiscal = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(readonly doc: Y.Doc) {
    for (const table of PLAN_TABLES) {
      const cache: TableCache = { byId: new Map(), invalidById: new Map(), rows: [] };
      this.tables.set(table, cache);
      const map = tableOf(this.doc, table);
      this.refresh(table, new Set(map.keys()));
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        const ids = new Set<string>();
        for (const event of events) {
          if (event.target === map)
            for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
          else if (typeof event.path[0] === "string") ids.add(event.path[0]);
        }
        if (ids.size === 0) return;
        this.refresh(table, ids);
        this.emit(table);
      };
      map.observeDeep(observer);
      this.cleanups.push(() => map.unobserveDeep(observer));
    }
    this.invalidList = this.collectInvalid();
    this.fiscal = planMeta(doc)?.fiscalYear ?? 0;
    const meta = doc.getMap("meta");
    const onMeta = () => {
      const next = planMeta(doc)?.fiscalYear ?? 0;
      if (next !== this.fiscal) {
        this.fiscal = next;
        this.emit("meta");
      }
    };
    meta.observe(onMeta);
    this.cleanups.push(() => meta.unobserve(onMeta));
    // A demo goal text rewritten here is this municipality's own from then on.
    this.cleanups.push(clearDemoMarksOnRewrite(doc));
  }

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups.length = 0;
    this.listeners.clear();
  }

  /** Re-reads the given rows (added, changed or removed); the others keep their objects. */
  private refresh(table: PlanTable, ids: Set<string>): void {
    const cache = this.tables.get(table) as TableCache;
    let invalidChanged = false;
    for (const id of ids) {
      const raw = readRow(this.doc, table, id);
      const parsed = raw ? parsePlanRow(table, raw) : null;
      if (parsed?.ok) cache.byId.set(id, parsed.value);
      else cache.byId.delete(id);
      const wasInvalid = cache.invalidById.get(id);
      if (parsed && !parsed.ok) {
        const problems = parsed.problems ?? [];
        if (!wasInvalid || JSON.stringify(wasInvalid.problems) !== JSON.stringify(problems)) {
          cache.invalidById.set(id, { table, id, errors: parsed.errors, problems });
          invalidChanged = true;
        }
      } else if (wasInvalid) {
        cache.invalidById.delete(id);
        invalidChanged = true;
      }
    }
    const rows = [...cache.byId.values()];
    cache.rows =
      table === "scheduleEvents"
        ? sortEvents(rows as PlanRow<"scheduleEvents">[])
        : sortOrdered(rows as PlanRow<"actions">[]);
    if (invalidChanged) {
      this.invalidList = this.collectInvalid();
      this.emit("invalid");
    }
  }

  private collectInvalid(): InvalidRow[] {
    return PLAN_TABLES.flatMap((t) => [...(this.tables.get(t)?.invalidById.values() ?? [])]);
  }

  private emit(topic: Topic): void {
    for (const listener of [...(this.listeners.get(topic) ?? [])]) listener();
  }

  subscribe(topic: Topic, listener: () => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The valid rows of a table in display order; the same array until the table changes. */
  rows<T extends PlanTable>(table: T): readonly PlanRow<T>[] {
    return (this.tables.get(table) as TableCache).rows as readonly PlanRow<T>[];
  }

  /** One valid row; the same object until that row changes. */
  row<T extends PlanTable>(table: T, id: string): PlanRow<T> | undefined {
    return (this.tables.get(table) as TableCache).byId.get(id) as PlanRow<T> | undefined;
  }

  /** Rows the schema rejects, in table order; the same array until that set changes. */
  invalid(): readonly InvalidRow[] {
    return this.invalidList;
  }

  fiscalYear(): number {
    return this.fiscal;
  }

  /** The whole plan as plain data (exports): built on demand, not kept. */
  yearPlan(): YearPlan {
    return {
      fiscalYear: this.fiscal,
      ...readPlanTexts(this.doc),
      goals: [...this.rows("goals")],
      problems: [...this.rows("problems")],
      actions: [...this.rows("actions")],
      scheduleRows: [...this.rows("scheduleRows")],
      scheduleEvents: [...this.rows("scheduleEvents")],
      planPeriods: [...this.rows("planPeriods")],
    };
  }
}

/** All valid rows of a table; the component renders again whenever the table changes. */
export function useTable<T extends PlanTable>(store: PlanStore, table: T): readonly PlanRow<T>[] {
  return useSyncExternalStore(
    useCallback((cb) => store.subscribe(table, cb), [store, table]),
    () => store.rows(table),
  );
}

/** One row; the component renders again only when this row changes (or goes). */
export function useRow<T extends PlanTable>(store: PlanStore, table: T, id: string): PlanRow<T> | undefined {
  return useSyncExternalStore(
    useCallback((cb) => store.subscribe(table, cb), [store, table]),
    () => store.row(table, id),
  );
}

/**
 * A value derived from a table (ids of the visible rows, a few titles): the component renders
 * again only when the derived value differs by `equal`.
 */
export function useTableSelect<T extends PlanTable, S>(
  store: PlanStore,
  table: T,
  select: (rows: readonly PlanRow<T>[]) => S,
  equal: (a: S, b: S) => boolean = shallowEqual as (a: S, b: S) => boolean,
): S {
  const cache = useRef<{ rows: readonly PlanRow<T>[]; select: unknown; value: S } | null>(null);
  const get = () => {
    const rows = store.rows(table);
    const last = cache.current;
    if (last && last.rows === rows && last.select === select) return last.value;
    const next = select(rows);
    const value = last && equal(last.value, next) ? last.value : next;
    cache.current = { rows, select, value };
    return value;
  };
  return useSyncExternalStore(
    useCallback((cb) => store.subscribe(table, cb), [store, table]),
    get,
  );
}

export function useInvalidRows(store: PlanStore): readonly InvalidRow[] {
  return useSyncExternalStore(
    useCallback((cb) => store.subscribe("invalid", cb), [store]),
    () => store.invalid(),
  );
}

export function useFiscalYear(store: PlanStore): number {
  return useSyncExternalStore(
    useCallback((cb) => store.subscribe("meta", cb), [store]),
    () => store.fiscalYear(),
  );
}

/** Arrays equal item by item (identity), e.g. lists of row ids or titles. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => Object.is(x, b[i]));
}
