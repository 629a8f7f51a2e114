export * from "./agenda-rows.js";
export * from "./meeting-doc.js";
export * from "./notice.js";
export * from "./papers.js";
export * from "./plan-changes.js";
export * from "./vocabulary.js";
