export * from "./documents.js";
export * from "./fiscal-year.js";
export * from "./local-government-code.js";
export * from "./plan/index.js";
export * from "./policy.js";
export * from "./presence.js";
export * from "./roles.js";
