/**
 * The queue behind a feature's background work on personal data (re-encryption after a key
 * rotation, erasure after the retention period): jobs run one at a time in the order queued,
 * some once at start and some again at every retention check
 * (CONSULTATION_RETENTION_CHECK_HOURS); a failed job is logged and the next one runs. `stop`
 * ends the checks and waits for the job under way; long jobs look at `stopped` between batches.
 */
import type { AppContext } from "../context.js";

export type Job = () => Promise<unknown>;

export abstract class PersonalDataJobs {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  protected stopped = false;

  constructor(
    protected readonly app: AppContext,
    /** Names the feature in the log. */
    private readonly area: string,
  ) {}

  /** Queues `once` and then `periodic`, and `periodic` again at every retention check. */
  protected schedule(once: Job[], periodic: Job[]): void {
    for (const job of [...once, ...periodic]) this.enqueue(job);
    this.timer = setInterval(() => {
      for (const job of periodic) this.enqueue(job);
    }, this.app.config.personalData.retentionCheckMs);
    this.timer.unref();
  }

  /** Resolves when the jobs queued so far have finished. */
  idle(): Promise<void> {
    return this.running.then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  private enqueue(job: Job): void {
    this.running = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await job();
      } catch (err) {
        this.app.log.error(`${this.area}: background job failed`, { err });
      }
    });
  }
}
