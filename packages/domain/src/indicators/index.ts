export * from "./catalogue.js";
export * from "./import.js";
export * from "./math.js";
