/**
 * A screen's data from the API: `useLoaded(load)` loads when `load` changes (keep it in a
 * useCallback with what it depends on), keeps what was loaded while it loads again, and says
 * why it could not load with the answer's Japanese message, as every screen shows it.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { LOADING, Loader, type LoadState } from "./loaded";

export interface Loaded<T> {
  status: LoadState<T>["status"];
  /** The last data loaded; undefined until the first load succeeds. */
  data: T | undefined;
  /** Why the last load failed; null once a load succeeds. */
  error: string | null;
  /** Loads again; the promise settles when the answer is shown (never rejects). */
  reload(): Promise<void>;
  /** Replaces the data with what an action's answer says, without asking again (an error stays). */
  setData(change: (data: T) => T): void;
  /** Shows an action's failure as the screen's error (null: none), until the next load succeeds. */
  setError(message: string | null): void;
}

export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>(LOADING);
  const loader = useMemo(() => new Loader<T>(setState), []);
  useEffect(() => {
    void loader.run(load);
    return () => loader.cancel();
  }, [loader, load]);
  const reload = useCallback(() => loader.run(load), [loader, load]);
  const setData = useCallback(
    (change: (data: T) => T) =>
      setState((s): LoadState<T> => {
        if (s.data === undefined) return s;
        const data = change(s.data);
        return s.error === null
          ? { status: "loaded", data, error: null }
          : { status: "error", data, error: s.error };
      }),
    [],
  );
  const setError = useCallback(
    (message: string | null) =>
      setState((s): LoadState<T> => {
        if (message !== null) return { status: "error", data: s.data, error: message };
        return s.data === undefined ? LOADING : { status: "loaded", data: s.data, error: null };
      }),
    [],
  );
  return { status: state.status, data: state.data, error: state.error, reload, setData, setError };
}
