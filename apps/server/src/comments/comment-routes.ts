/**
 * Comments, one set of routes wherever people comment:
 * - /api/workspaces/:wid/meetings/:mid/comments: corrections to circulated minutes, on a quoted
 *   passage with a suggested wording; invitees and those who run the meeting comment while the
 *   minutes are 確認依頼中, those who run it resolve;
 * - /api/workspaces/:wid/documents/:did/comments: comments on a passage of a document; its
 *   readers comment (the plenary reviews a group's draft), its editors and the secretariat
 *   resolve;
 * - /api/workspaces/:wid/plans/:fy/comments: comments on a plan row with @mentions, and each
 *   person's mentions at /api/workspaces/:wid/mentions.
 */
import {
  CommentCreated,
  CommentResolved,
  CommentThread,
  CreateComment,
  CreatePlanComment,
  MarkMentionsRead,
  MentionList,
  Ok,
  PlanCommentCreated,
  PlanCommentQuery,
  PlanCommentThread,
} from "@tsumugi/contract";
import { isId, type MentionsVerb } from "@tsumugi/domain";
import { Hono, type MiddlewareHandler } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import { documentNotFound } from "../documents/document-commands.js";
import { documentResource } from "../documents/document-presenter.js";
import { findDocument } from "../documents/document-repository.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { allow, allowOn, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { invitees } from "../meetings/invitee-repository.js";
import { meetingNotFound, notCirculating } from "../meetings/meeting-commands.js";
import { meetingResource } from "../meetings/meeting-presenter.js";
import { findMeeting } from "../meetings/meeting-repository.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import {
  addComment,
  addPlanComment,
  markMentionsRead,
  type PassageThread,
  resolveComment,
  type Thread,
} from "./comment-commands.js";
import {
  mentionsResource,
  presentComment,
  presentMention,
  presentPlanComment,
  presentPlanThread,
  presentThread,
} from "./comment-presenter.js";
import * as comments from "./comment-repository.js";

const tag = "comments";
const MENTIONS_LISTED = 100;

const planNotFound = () => new ApiError(404, "plan.notFound", "この年度の計画はまだありません。");

const asResource = (thread: Thread) => thread.resource;

type ThreadLoader<T extends Thread> = MiddlewareHandler<AppEnv & { Variables: { thread: T } }>;

/** The minutes of the meeting named in the path: they take comments only while circulated. */
const loadMinutesThread: ThreadLoader<PassageThread> = load(
  "thread",
  async (c): Promise<PassageThread | undefined> => {
    const mid = c.req.param("mid");
    const meeting = isId(mid) ? await findMeeting(c.var.app.kysely, c.var.workspaceId, mid) : null;
    if (!meeting) return undefined;
    const invited = (await invitees(c.var.app.kysely, meeting.id)).includes(c.var.actor.userId);
    return {
      key: { on: "minutes", meetingId: meeting.id },
      resource: { kind: "commentThread", on: "minutes", meeting: meetingResource(meeting, invited) },
      closed: meeting.minutesState === "circulating" ? null : notCirculating,
    };
  },
  meetingNotFound,
);

/** The document named in the path: it takes comments in every state, locked too. */
const loadDocumentThread: ThreadLoader<PassageThread> = load(
  "thread",
  async (c): Promise<PassageThread | undefined> => {
    const did = c.req.param("did");
    const doc = isId(did) ? await findDocument(c.var.app.kysely, c.var.workspaceId, did) : undefined;
    if (!doc) return undefined;
    return {
      key: { on: "document", documentId: doc.id },
      resource: { kind: "commentThread", on: "document", document: documentResource(doc) },
      closed: null,
    };
  },
  documentNotFound,
);

type PlanThread = Thread<{ on: "planRow"; docName: string }>;

/** The rows of the 年度's plan named in the path. */
const loadPlanThread: ThreadLoader<PlanThread> = load(
  "thread",
  async (c): Promise<PlanThread | undefined> => {
    const fy = Number(c.req.param("fy"));
    const plan = Number.isInteger(fy)
      ? await findPlanDocument(c.var.app.kysely, c.var.workspaceId, fy)
      : null;
    if (!plan) return undefined;
    return {
      key: { on: "planRow", docName: plan.docName },
      resource: { kind: "commentThread", on: "planRow" },
      closed: null,
    };
  },
  planNotFound,
);

/** A thread of comments on passages: list, comment, resolve. */
function passageRoutes(
  loadThread: ThreadLoader<PassageThread>,
  what: string,
  errors: number[],
): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: `Comments on ${what}, with what the caller may do`, tag, response: CommentThread }),
    loadThread,
    allow("read", "thread", asResource),
    async (c) => {
      const list = await comments.listComments(c.var.app.kysely, c.var.thread.key);
      return c.json(presentThread(c.var.actor, c.var.thread, list) satisfies CommentThread);
    },
  );

  r.post(
    "/",
    describe({ summary: `Comment on a passage of ${what}`, tag, ok: 201, response: CommentCreated, errors }),
    jsonBody(CreateComment),
    loadThread,
    allow("comment", "thread", asResource),
    async (c) => {
      const comment = await addComment(c.var.app, callerOf(c), c.var.thread, c.req.valid("json"));
      const presented = presentComment(c.var.actor, c.var.thread.resource, comment);
      return c.json({ id: comment.id, comment: presented } satisfies CommentCreated, 201);
    },
  );

  r.post(
    "/:cid/resolve",
    describe({ summary: `Resolve a comment on ${what}`, tag, response: CommentResolved }),
    loadThread,
    allow("resolve", "thread", asResource),
    async (c) => {
      await resolveComment(c.var.app, callerOf(c), c.var.thread, c.req.param("cid"));
      return c.json({ ok: true } satisfies CommentResolved);
    },
  );

  return r;
}

export function minutesCommentRoutes(): Hono<AppEnv> {
  return passageRoutes(
    loadMinutesThread,
    "the meeting's circulated minutes (409 when not circulating)",
    [409],
  );
}

export function documentCommentRoutes(): Hono<AppEnv> {
  return passageRoutes(loadDocumentThread, "a document", []);
}

export function planCommentRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "Row comments of a plan (?table=&rowId= for one row)",
      tag,
      response: PlanCommentThread,
    }),
    queryParams(PlanCommentQuery),
    loadPlanThread,
    allow("read", "thread", asResource),
    async (c) => {
      const { table, rowId } = c.req.valid("query");
      const row = table && rowId ? { table, rowId } : undefined;
      const list = await comments.listPlanComments(c.var.app.kysely, c.var.thread.key.docName, row);
      return c.json(presentPlanThread(c.var.actor, c.var.thread, list) satisfies PlanCommentThread);
    },
  );

  r.post(
    "/",
    describe({
      summary: "Comment on a plan row, @mentioning active members (the row must be in the plan)",
      tag,
      ok: 201,
      response: PlanCommentCreated,
    }),
    jsonBody(CreatePlanComment),
    loadPlanThread,
    allow("comment", "thread", asResource),
    async (c) => {
      const comment = await addPlanComment(c.var.app, collab, callerOf(c), c.var.thread, c.req.valid("json"));
      const presented = presentPlanComment(c.var.actor, c.var.thread.resource, comment);
      return c.json({ id: comment.id, comment: presented } satisfies PlanCommentCreated, 201);
    },
  );

  return r;
}

/** 403 unless the caller may do `verb` with their own mentions. */
const allowOwnMentions = (verb: MentionsVerb) =>
  allowOn((c) => ({ verb, resource: mentionsResource(c.var.actor.userId) }));

export function mentionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "The caller's mentions in the workspace, newest first, with the unread count",
      tag,
      response: MentionList,
    }),
    allowOwnMentions("read"),
    async (c) => {
      const list = await comments.listMentions(c.var.app.kysely, c.var.workspaceId, c.var.actor.userId, {
        limit: MENTIONS_LISTED,
      });
      return c.json({
        mentions: list.map(presentMention),
        unread: list.filter((m) => m.readAt === null).length,
      } satisfies MentionList);
    },
  );

  r.post(
    "/read",
    describe({ summary: "Mark the caller's mentions in these comments read", tag, response: Ok }),
    jsonBody(MarkMentionsRead),
    allowOwnMentions("markRead"),
    async (c) => {
      await markMentionsRead(c.var.app, callerOf(c), c.req.valid("json").commentIds);
      return c.json({ ok: true } satisfies Ok);
    },
  );

  return r;
}
