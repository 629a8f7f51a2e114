/**
 * /api/workspaces/:wid/consultations/examples — examples for publication (主な相談内容と対応):
 * drafted at a desk from one of its contacts, approved by the secretariat, shown on the
 * public desk page.
 */
import { CreateExample, ExampleList, ExampleResult, ExampleStep, UpdateExample } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { readable } from "./consultation-loaders.js";
import { consultationResource } from "./consultation-presenter.js";
import type { ContactWithCase } from "./consultation-rows.js";
import { findContact } from "./contact-repository.js";
import {
  createExample,
  deleteExample,
  exampleNotFound,
  stepExample,
  updateExample,
} from "./example-commands.js";
import { exampleResource, presentExample } from "./example-presenter.js";
import { findExample, listExamples } from "./example-repository.js";

const tag = "desk";

const loadExample = load(
  "example",
  async (c) => {
    const id = c.req.param("eid");
    return isId(id) ? findExample(c.var.app.kysely, c.var.workspaceId, id) : undefined;
  },
  exampleNotFound,
);

/** The contact a new example is drafted from: one the caller reads, else an unknown id (400). */
const loadSource = load(
  "source",
  async (c) => {
    const { consultationId } = c.req.valid("json" as never) as CreateExample;
    const contact = await findContact(c.var.app.kysely, c.var.workspaceId, consultationId);
    return contact && readable(c.var.actor, contact.case) ? contact : undefined;
  },
  () => invalid({ consultationId: "unknown" }),
);

/** Mounted at /api/workspaces/:wid/consultations/examples. */
export function exampleRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use("*", allowIn("consultations.use"));

  r.get(
    "/",
    describe({
      summary: "Examples for publication (主な相談内容と対応), in every state",
      tag,
      response: ExampleList,
    }),
    async (c) => {
      const list = await listExamples(c.var.app.kysely, c.var.workspaceId);
      return c.json({ examples: list.map((e) => presentExample(c.var.actor, e)) });
    },
  );

  r.post(
    "/",
    describe({
      summary: "Draft an anonymised example from a contact (its text may not name the case's people)",
      tag,
      ok: 201,
      response: ExampleResult,
    }),
    jsonBody(CreateExample),
    loadSource,
    allow("draftExample", "source", (k: ContactWithCase) => consultationResource(k.case)),
    async (c) => {
      const example = await createExample(c.var.app, callerOf(c), c.var.source, c.req.valid("json"));
      return c.json({ example: presentExample(c.var.actor, example) }, 201);
    },
  );

  r.patch(
    "/:eid",
    describe({ summary: "Change a draft or returned example", tag, response: ExampleResult, errors: [409] }),
    jsonBody(UpdateExample),
    loadExample,
    allow("update", "example", exampleResource),
    async (c) => {
      const example = await updateExample(c.var.app, callerOf(c), c.var.example, c.req.valid("json"));
      return c.json({ example: presentExample(c.var.actor, example) });
    },
  );

  for (const step of ["submit", "approve", "return", "withdraw"] as const) {
    r.post(
      `/:eid/${step}`,
      describe({
        summary: {
          submit: "Ask the secretariat to approve an example",
          approve: "Approve an example: it appears on the public desk page",
          return: "Return an example to its desk with a note",
          withdraw: "Take a published example off the public page",
        }[step],
        tag,
        response: ExampleResult,
        errors: [409],
      }),
      jsonBody(ExampleStep, { optional: true }),
      loadExample,
      allow(step, "example", exampleResource),
      async (c) => {
        const example = await stepExample(
          c.var.app,
          callerOf(c),
          c.var.example,
          step,
          c.req.valid("json").note,
        );
        return c.json({ example: presentExample(c.var.actor, example) });
      },
    );
  }

  r.delete(
    "/:eid",
    describe({ summary: "Delete an example that is not published", tag, ok: 204 }),
    loadExample,
    allow("delete", "example", exampleResource),
    async (c) => {
      await deleteExample(c.var.app, callerOf(c), c.var.example);
      return c.body(null, 204);
    },
  );

  return r;
}
