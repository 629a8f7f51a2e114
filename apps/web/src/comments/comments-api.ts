/**
 * The comments API (server: apps/server/src/comments), typed from @tsumugi/contract: a thread
 * on circulated minutes, on a document's passages or on a plan's rows, and one's mentions.
 */
import type {
  CommentCreated,
  CommentResolved,
  CommentThread,
  CreateComment,
  CreatePlanComment,
  MarkMentionsRead,
  MentionList,
  Ok,
  PlanCommentCreated,
  PlanCommentThread,
} from "@tsumugi/contract";
import type { PlanCommentTable } from "@tsumugi/domain";
import { get, post } from "../api/client";

/** What a thread component needs: list, post, and resolve where the place resolves comments. */
export interface ThreadApi<T extends CommentThread = CommentThread, B = CreateComment> {
  list(): Promise<T>;
  create(body: B): Promise<unknown>;
  resolve?(commentId: string): Promise<CommentResolved>;
}

function passageThread(base: string): ThreadApi {
  return {
    list: () => get<CommentThread>(base),
    create: (body) => post<CommentCreated>(base, body),
    resolve: (cid) => post<CommentResolved>(`${base}/${cid}/resolve`, {}),
  };
}

/** Corrections to a meeting's circulated minutes. */
export const minutesThread = (wid: string, mid: string) =>
  passageThread(`/api/workspaces/${wid}/meetings/${mid}/comments`);

/** Comments on passages of a document. */
export const documentThread = (wid: string, did: string) =>
  passageThread(`/api/workspaces/${wid}/documents/${did}/comments`);

/** Comments on one row of a 年度's plan (they are never resolved). */
export function planRowThread(
  wid: string,
  fiscalYear: number,
  table: PlanCommentTable,
  rowId: string,
): ThreadApi<PlanCommentThread, Omit<CreatePlanComment, "table" | "rowId">> {
  const base = `/api/workspaces/${wid}/plans/${fiscalYear}/comments`;
  return {
    list: () => get<PlanCommentThread>(`${base}?${new URLSearchParams({ table, rowId })}`),
    create: (body) => post<PlanCommentCreated>(base, { ...body, table, rowId } satisfies CreatePlanComment),
  };
}

export function mentionsApi(wid: string) {
  const base = `/api/workspaces/${wid}/mentions`;
  return {
    list: () => get<MentionList>(base),
    markRead: (commentIds: string[]) => post<Ok>(`${base}/read`, { commentIds } satisfies MarkMentionsRead),
  };
}
