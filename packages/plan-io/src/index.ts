export * from "./file-limits.js";
export * from "./import.js";
export * from "./labels.js";
export * from "./table-workbook.js";
export * from "./workbook.js";
export * from "./year-table.js";
