export * from "./attendance.js";
export * from "./codes.js";
export * from "./questionnaire.js";
export * from "./registration.js";
export * from "./vocabulary.js";
