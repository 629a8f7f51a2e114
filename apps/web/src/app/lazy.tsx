/**
 * Code split by screen: each page and each heavy panel (the minutes editor, the charts, the
 * Excel reader) is its own chunk, fetched when it is first shown, so the login page and the
 * home page do not download what they do not use.
 *
 * While a chunk loads, a Japanese loading line is shown. A chunk that cannot be fetched (the
 * network dropped, or a new version replaced the files this page was built with) shows a
 * clear error with a reload button instead of a blank page.
 */
import { Component, type ComponentType, type ReactNode, lazy as reactLazy, Suspense } from "react";
import { t } from "../i18n/t";

/** `React.lazy` for a module's named export. */
export function lazyNamed<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): M[K] extends ComponentType<infer P> ? ComponentType<P> : never {
  const Lazy = reactLazy(async () => ({ default: (await load())[name] as ComponentType<unknown> }));
  return Lazy as unknown as M[K] extends ComponentType<infer P> ? ComponentType<P> : never;
}

/** The line shown while a screen's code arrives. */
export function LoadingScreen({ label, testId }: { label?: string; testId?: string }) {
  return (
    <p className="muted pad loading-screen" role="status" data-testid={testId ?? "loading-screen"}>
      {label ?? t("lazy.loading")}
    </p>
  );
}

interface BoundaryState {
  failed: boolean;
}

/** Catches a chunk that failed to load; anything else is rethrown to the next boundary. */
class ChunkErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState | null {
    if (isChunkLoadError(error)) return { failed: true };
    throw error;
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-banner pad" role="alert" data-testid="chunk-error">
        <p>{t("lazy.failed")}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }
}

/** Chromium: "Failed to fetch dynamically imported module"; Firefox: "error loading dynamically imported module"; Safari: "Importing a module script failed". */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(message);
}

/** Shows `children` once their code is loaded; a loading line until then, an error if it cannot be. */
export function Deferred({
  children,
  label,
  testId,
}: {
  children: ReactNode;
  label?: string;
  testId?: string;
}) {
  return (
    <ChunkErrorBoundary>
      <Suspense fallback={<LoadingScreen label={label} testId={testId} />}>{children}</Suspense>
    </ChunkErrorBoundary>
  );
}
