/**
 * Installs the service worker that lets a page reload while the server is unreachable
 * (production builds only: the dev server has no /sw.js). Failing to register costs only
 * that ability, so it is logged, not shown.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker
      .register("/sw.js")
      .catch((err) => console.warn("service worker not registered", err));
  });
}
