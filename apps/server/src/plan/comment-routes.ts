/**
 * Row comments on a plan (/plans/:fy/comments) and each person's mentions (/mentions).
 * Comments are authored messages, so the server stamps author and time; the people
 * mentioned must be active members of the workspace.
 */
import { COMMENT_BODY_MAX, can, isId, newId, type PlanTable, rowText } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { findPlanDocument } from "./plan-repository.js";

const COMMENT_TABLES = ["problems", "actions", "goals", "scheduleRows"] as const;
/** The text field that names a row of each commentable table. */
const TITLE_FIELD: Record<(typeof COMMENT_TABLES)[number], string> = {
  problems: "title",
  actions: "title",
  goals: "text",
  scheduleRows: "activity",
};
const MENTIONS_MAX = 20;

const planNotFound = () => new ApiError(404, "plan.notFound", "この年度の計画はまだありません。");

interface CommentRow {
  id: string;
  tbl: string;
  row_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: number;
}

async function planOf(c: Context<AppEnv>) {
  const fy = Number(c.req.param("fy"));
  const plan = Number.isInteger(fy)
    ? await findPlanDocument(c.get("app").db, c.get("workspaceId"), fy)
    : null;
  if (!plan) throw planNotFound();
  return plan;
}

export function commentRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    authorize(c, "plans.read");
    const plan = await planOf(c);
    const db = c.get("app").db;
    const table = c.req.query("table");
    const rowId = c.req.query("rowId");
    const where = table && rowId ? " AND c.tbl = ? AND c.row_id = ?" : "";
    const rows = await db.all<CommentRow>(
      `SELECT c.id, c.tbl, c.row_id, c.author_id, u.name AS author_name, c.body, c.created_at
         FROM plan_comments c JOIN users u ON u.id = c.author_id
        WHERE c.doc_name = ?${where} ORDER BY c.created_at, c.id`,
      table && rowId ? [plan.docName, table, rowId] : [plan.docName],
    );
    const mentions = rows.length
      ? await db.all<{ comment_id: string; user_id: string; name: string }>(
          `SELECT m.comment_id, m.user_id, u.name FROM mentions m JOIN users u ON u.id = m.user_id
            WHERE m.comment_id IN (${rows.map(() => "?").join(", ")})`,
          rows.map((x) => x.id),
        )
      : [];
    return c.json({
      comments: rows.map((x) => ({
        id: x.id,
        table: x.tbl,
        rowId: x.row_id,
        authorId: x.author_id,
        authorName: x.author_name,
        body: x.body,
        createdAt: x.created_at,
        mentions: mentions
          .filter((m) => m.comment_id === x.id)
          .map((m) => ({ userId: m.user_id, name: m.name })),
      })),
    });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "comments.write");
    const plan = await planOf(c);
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const text = errors.string(body, "body", { max: COMMENT_BODY_MAX });
    const table = body.table;
    if (!COMMENT_TABLES.includes(table as never)) errors.add("table", "unknown");
    const rowId = body.rowId;
    if (!isId(rowId)) errors.add("rowId", "unknown");
    const mentionIds = body.mentions ?? [];
    if (!Array.isArray(mentionIds) || mentionIds.length > MENTIONS_MAX || !mentionIds.every(isId)) {
      errors.add("mentions", "invalid");
    }
    if (errors.any) throw invalid(errors.fields);
    // The row must exist in the plan as stored now (the read model may lag a fresh row).
    await collab.flush();
    const doc = await collab.readDocument(plan.docName);
    const tableName = table as (typeof COMMENT_TABLES)[number];
    const exists = doc.getMap(tableName).has(rowId as string);
    // The row's title as stored now: the read model may not have this row yet.
    const rowTitle = exists
      ? (rowText(doc, tableName as PlanTable, rowId as string, TITLE_FIELD[tableName])?.toString() ?? "")
      : "";
    doc.destroy();
    if (!exists) throw invalid({ rowId: "unknown" });
    const unique = [...new Set(mentionIds as string[])];
    if (unique.length > 0) {
      const found = await app.db.all<{ user_id: string }>(
        `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.workspace_id = ? AND m.disabled_at IS NULL AND u.disabled_at IS NULL
            AND m.user_id IN (${unique.map(() => "?").join(", ")})`,
        [wid, ...unique],
      );
      if (found.length !== unique.length) throw invalid({ mentions: "unknown" });
    }
    const id = newId();
    const now = Date.now();
    await app.db.transaction(async (tx) => {
      await tx.run(
        "INSERT INTO plan_comments (id, doc_name, tbl, row_id, row_title, author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [id, plan.docName, tableName, rowId as string, rowTitle.slice(0, 500), actor.userId, text, now],
      );
      for (const userId of unique) {
        await tx.run("INSERT INTO mentions (comment_id, user_id) VALUES (?, ?)", [id, userId]);
      }
    });
    return c.json({ comment: { id, table, rowId, authorId: actor.userId, body: text, createdAt: now } }, 201);
  });

  return r;
}

export function mentionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    const actor = c.get("actor");
    if (!can(actor, "plans.read")) throw new ApiError(403, "forbidden", "この操作を行う権限がありません。");
    const rows = await c.get("app").db.all<{
      comment_id: string;
      read_at: number | null;
      body: string;
      created_at: number;
      tbl: string;
      row_id: string;
      author_name: string;
      fiscal_year: number;
      row_title: string | null;
    }>(
      `SELECT m.comment_id, m.read_at, c.body, c.created_at, c.tbl, c.row_id, u.name AS author_name, d.fiscal_year,
              COALESCE(pa.title, pp.title, NULLIF(c.row_title, '')) AS row_title
         FROM mentions m
         JOIN plan_comments c ON c.id = m.comment_id
         JOIN documents d ON d.doc_name = c.doc_name
         JOIN users u ON u.id = c.author_id
         LEFT JOIN plan_actions pa ON c.tbl = 'actions' AND pa.doc_name = c.doc_name AND pa.id = c.row_id
         LEFT JOIN plan_problems pp ON c.tbl = 'problems' AND pp.doc_name = c.doc_name AND pp.id = c.row_id
        WHERE m.user_id = ? AND d.workspace_id = ?
        ORDER BY c.created_at DESC LIMIT 100`,
      [actor.userId, c.get("workspaceId")],
    );
    return c.json({
      mentions: rows.map((x) => ({
        commentId: x.comment_id,
        read: x.read_at !== null,
        body: x.body,
        createdAt: x.created_at,
        table: x.tbl,
        rowId: x.row_id,
        rowTitle: x.row_title ?? "",
        authorName: x.author_name,
        fiscalYear: x.fiscal_year,
      })),
      unread: rows.filter((x) => x.read_at === null).length,
    });
  });

  r.post("/read", async (c) => {
    const actor = c.get("actor");
    const body = await readJsonObject(c);
    const ids = body.commentIds;
    if (!Array.isArray(ids) || ids.length > 100 || !ids.every(isId)) throw invalid({ commentIds: "invalid" });
    if (ids.length > 0) {
      await c
        .get("app")
        .db.run(
          `UPDATE mentions SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND comment_id IN (${ids.map(() => "?").join(", ")})`,
          [Date.now(), actor.userId, ...(ids as string[])],
        );
    }
    return c.json({ ok: true });
  });

  return r;
}
