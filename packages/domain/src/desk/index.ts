export * from "./records.js";
export * from "./statistics.js";
export * from "./vocabulary.js";
