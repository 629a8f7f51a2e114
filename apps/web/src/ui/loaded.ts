/**
 * What a screen loads from the API: loading, loaded, or the reason it could not be loaded
 * (the answer's Japanese message), kept apart from React so the rules are tested on their own.
 * `useLoaded` (use-loaded.ts) is the hook the screens use.
 */
import { ApiError } from "../api/client";

/** The message shown for a failed request: the answer's Japanese message, else the error's text. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : String(err);
}

export type LoadState<T> =
  | { status: "loading"; data: undefined; error: null }
  | { status: "loaded"; data: T; error: null }
  /** `data` is what was loaded before, when a later load failed. */
  | { status: "error"; data: T | undefined; error: string };

export const LOADING: LoadState<never> = { status: "loading", data: undefined, error: null };

/**
 * Runs loads and reports their outcome as changes of a LoadState. An answer is used only while
 * it is the latest load's and the loader has not been cancelled since it started, so a slow
 * answer for the previous workspace or meeting never replaces the current one.
 */
export class Loader<T> {
  private latest = 0;

  constructor(private readonly update: (change: (state: LoadState<T>) => LoadState<T>) => void) {}

  async run(load: () => Promise<T>): Promise<void> {
    const mine = ++this.latest;
    try {
      const data = await load();
      if (mine === this.latest) this.update(() => ({ status: "loaded", data, error: null }));
    } catch (err) {
      const error = errorMessage(err);
      if (mine === this.latest) this.update((state) => ({ status: "error", data: state.data, error }));
    }
  }

  /** Ignores the answers of the loads started so far. */
  cancel(): void {
    this.latest++;
  }
}
