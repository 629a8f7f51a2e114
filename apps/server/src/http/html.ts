/**
 * Helpers of the server-rendered public pages (/p/...): text escaped for HTML and the page a
 * visitor sees when nothing is published at an address.
 */

/** Text (or an attribute's value) as HTML: &, <, >, " and ' escaped. */
export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** The small page of an address where nothing is published; `message` is trusted text. */
export const notPublishedHtml = (message = "このページは公開されていません。") =>
  `<!doctype html><html lang="ja"><meta charset="utf-8"><title>見つかりません</title><p>${message}</p></html>`;
