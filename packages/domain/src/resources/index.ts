export * from "./geo.js";
export * from "./import-plan.js";
export * from "./indicators.js";
export * from "./model.js";
export * from "./open-data.js";
export * from "./search.js";
export * from "./tables.js";
export * from "./vocabulary.js";
