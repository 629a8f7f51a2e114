/**
 * Keeps the plan read model behind the plan documents: after a stored edit, the document is
 * re-read and projected within `delayMs` (one run per window, however many keystrokes), one
 * run at a time per document. Invalid rows are skipped and logged; a failed run is logged
 * and retried on the next edit, never a crash.
 */
import { EventEmitter } from "node:events";
import { readYearPlan, upgradeCopy } from "@tsumugi/domain";
import type * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import {
  dropProjection,
  type PlanProjectionInfo,
  type RowChange,
  writeProjection,
} from "./plan-read-model.js";
import { planOfDocument } from "./plan-repository.js";

export interface PlanProjectorDeps {
  kysely: QueryBuilder;
  log: Logger;
  delayMs: number;
  readDocument(docName: string): Promise<Y.Doc>;
}

const PLAN_CACHE_LIMIT = 10_000;

/** Announces each new projection (the dashboard follows it live). */
export class ProjectionEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  /** Set on several nodes: the other nodes' dashboards follow this node's projections. */
  relay: ((docName: string) => void) | null = null;
  emit(docName: string): void {
    this.deliver(docName);
    this.relay?.(docName);
  }
  /** Announced on this node only (another node's projection). */
  deliver(docName: string): void {
    this.emitter.emit(docName, docName);
  }
  on(docName: string, listener: (docName: string) => void): () => void {
    this.emitter.on(docName, listener);
    return () => this.emitter.off(docName, listener);
  }
}

export class PlanProjector {
  /** docName → its plan (null: not a plan document), looked up once. */
  private readonly plans = new Map<string, PlanProjectionInfo | null>();
  private readonly pending = new Map<string, { editors: Set<string>; timer: NodeJS.Timeout }>();
  private readonly running = new Map<string, Promise<unknown>>();
  private closed = false;
  readonly events = new ProjectionEvents();

  constructor(private readonly deps: PlanProjectorDeps) {}

  /** A stored edit by `userId` (called for every document; cheap for non-plans). */
  noteChange(docName: string, userId: string): void {
    if (this.closed || this.plans.get(docName) === null) return;
    const entry = this.pending.get(docName);
    if (entry) {
      entry.editors.add(userId);
      return;
    }
    const timer = setTimeout(() => void this.runPending(docName), this.deps.delayMs);
    this.pending.set(docName, { editors: new Set([userId]), timer });
  }

  /** Projects now (after any run in progress), e.g. right after the plan is created. */
  projectNow(docName: string, editors: readonly string[] = []): Promise<RowChange[] | null> {
    const previous = this.running.get(docName) ?? Promise.resolve();
    const run = previous.then(() => this.project(docName, editors, { rebuild: false }));
    this.running.set(docName, run);
    void run.finally(() => {
      if (this.running.get(docName) === run) this.running.delete(docName);
    });
    return run;
  }

  /**
   * Drops and recomputes a document's projection from its stored state, in one transaction:
   * a reader sees the old projection or the new one, never none.
   */
  rebuild(docName: string): Promise<RowChange[] | null> {
    const previous = this.running.get(docName) ?? Promise.resolve();
    const run = previous.then(() => this.project(docName, [], { rebuild: true }));
    this.running.set(docName, run);
    void run.finally(() => {
      if (this.running.get(docName) === run) this.running.delete(docName);
    });
    return run;
  }

  /** Runs every pending projection now and waits for all runs. */
  async flush(): Promise<void> {
    for (const docName of [...this.pending.keys()]) void this.runPending(docName);
    await Promise.all([...this.running.values()]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private runPending(docName: string): Promise<unknown> {
    const entry = this.pending.get(docName);
    if (!entry) return Promise.resolve();
    clearTimeout(entry.timer);
    this.pending.delete(docName);
    return this.projectNow(docName, [...entry.editors]);
  }

  private async planOf(docName: string): Promise<PlanProjectionInfo | null> {
    if (this.plans.has(docName)) return this.plans.get(docName) ?? null;
    const info = await planOfDocument(this.deps.kysely, docName);
    // The cache saves a query per keystroke on other documents; keep it from growing forever.
    if (this.plans.size >= PLAN_CACHE_LIMIT) this.plans.clear();
    this.plans.set(docName, info);
    return info;
  }

  private async project(
    docName: string,
    editors: readonly string[],
    { rebuild }: { rebuild: boolean },
  ): Promise<RowChange[] | null> {
    const { kysely, log } = this.deps;
    try {
      const info = await this.planOf(docName);
      if (!info) return null;
      const doc = await this.deps.readDocument(docName);
      const { plan, invalid, invalidTexts } = readYearPlan(upgradeCopy(doc));
      doc.destroy();
      for (const row of invalid) {
        log.warn("plan: invalid row skipped by the read model", { doc: docName, ...row });
      }
      for (const text of invalidTexts) {
        log.warn("plan: invalid text skipped by the read model", { doc: docName, ...text });
      }
      const changes = await kysely.transaction().execute(async (trx) => {
        if (rebuild) await dropProjection(trx, docName);
        return writeProjection(trx, info, plan, invalid, editors, Date.now());
      });
      this.events.emit(docName);
      return changes;
    } catch (err) {
      log.error("plan: projection failed", { doc: docName, err });
      return null;
    }
  }
}
