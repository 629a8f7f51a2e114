/**
 * The REST API's contract, written once: zod schemas of request bodies and answers. The
 * server validates requests and builds /api/openapi.json from them; the web imports their
 * types (`import type`), so no server code and no validator reaches the browser bundle.
 * One file per feature, named like the feature's folder on the server.
 */
export * from "./areas.js";
export * from "./audit.js";
export * from "./auth.js";
export * from "./calendar.js";
export * from "./comments.js";
export * from "./desk.js";
export * from "./documents.js";
export * from "./events.js";
export * from "./fields.js";
export * from "./groups.js";
export * from "./home.js";
export * from "./indicators.js";
export * from "./invites.js";
export * from "./meeting-papers.js";
export * from "./meetings.js";
export * from "./members.js";
export * from "./plan.js";
export * from "./resources.js";
export * from "./system.js";
export * from "./workspaces.js";
