/**
 * Changes to documents: creating one (a draft may start from a template), moving a draft
 * through its workflow (作成中 → 全体会で確認中 → 承認済 → 公開; approving keeps a version and
 * locks it, publishing gives it a public page).
 */
import type { CreateDocument, MoveDraft } from "@tsumugi/contract";
import {
  type DraftMove,
  type DraftStatus,
  docNameOf,
  draftMoveOf,
  isLockedDraftStatus,
  newId,
} from "@tsumugi/domain";
import * as Y from "yjs";
import { randomString } from "../auth/secret-token.js";
import type { CollabServer } from "../collab/collab-server.js";
import { storeInitialState } from "../collab/initial-state.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { saveVersion } from "../versions/version-store.js";
import { type DocumentRecord, findDocument, insertDocument, setDraftStatus } from "./document-repository.js";
import { richTextUpdate } from "./rich-text.js";
import { DRAFT_TEMPLATE_CONTENT } from "./templates.js";

export const documentNotFound = () => new ApiError(404, "document.notFound", "文書が見つかりません。");
export const notADraft = () => new ApiError(409, "document.notDraft", "案ではない文書です。");
export const badDraftTransition = () =>
  new ApiError(409, "draft.badTransition", "この状態には変更できません。");

/**
 * A new note or draft of the workspace or of a group (whose members, and the secretariat, write
 * it). The route has checked the caller may create it there (`createDocument` of the group).
 */
export async function createDocument(
  app: AppContext,
  caller: Caller,
  input: CreateDocument,
): Promise<DocumentRecord> {
  const groupId = input.groupId ?? null;
  const template = input.template ? DRAFT_TEMPLATE_CONTENT[input.template] : null;
  const now = Date.now();
  const id = newId();
  const doc: DocumentRecord = {
    id,
    workspaceId: caller.workspaceId,
    groupId,
    kind: input.kind,
    title: template && !input.title ? template.title : (input.title ?? ""),
    docName: docNameOf(caller.workspaceId, id),
    fiscalYear: null,
    locked: false,
    reviewing: false,
    draftStatus: input.kind === "draft" ? "drafting" : null,
    publicId: null,
    createdBy: caller.actor.userId,
    createdAt: now,
    updatedAt: now,
    demo: false,
  };
  await app.kysely.transaction().execute(async (trx) => {
    await insertDocument(trx, doc);
    if (template) await storeInitialState(trx, doc.docName, richTextUpdate(template.paragraphs));
  });
  await app.audit.byCaller(caller, "document.created", doc.docName, {
    title: doc.title,
    kind: doc.kind,
    groupId: doc.groupId,
  });
  return doc;
}

/**
 * The step of the workflow a draft move asks for (the route authorises the caller for this
 * verb): 409 when the document is not a draft or its workflow has no such step from where it is.
 */
export function draftStepOf(doc: DocumentRecord, to: DraftStatus): DraftMove {
  if (doc.kind !== "draft" || doc.draftStatus === null) throw notADraft();
  const move = draftMoveOf(doc.draftStatus, to);
  if (move === null) throw badDraftTransition();
  return move;
}

/** Moves a draft one step of its workflow; the route has checked the caller may take the step. */
export async function moveDraft(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  doc: DocumentRecord,
  { status }: MoveDraft,
): Promise<DocumentRecord> {
  const move = draftStepOf(doc, status);
  const from = doc.draftStatus;
  const now = Date.now();
  if (move === "approve") {
    // The approved text is kept as a version before the draft locks.
    await collab.flush();
    const state = await collab.readDocument(doc.docName);
    try {
      await saveVersion(app.kysely, {
        docName: doc.docName,
        state: Y.encodeStateAsUpdate(state),
        reason: "approval",
        label: "承認版",
        userId: caller.actor.userId,
      });
    } finally {
      state.destroy();
    }
  }
  await setDraftStatus(app.kysely, doc.id, {
    status,
    lockedAt: isLockedDraftStatus(status) ? now : null,
    // Before the plenary the group no longer edits the text: it comments, like everyone.
    reviewAt: status === "reviewing" ? now : null,
    publicId: status === "published" ? randomString(12) : null,
    at: now,
  });
  if (isLockedDraftStatus(status) !== doc.locked || (status === "reviewing") !== doc.reviewing)
    app.events.emit({ type: "document-access-changed", docName: doc.docName });
  await app.audit.byCaller(caller, "draft.status_changed", doc.docName, { from, to: status });
  return (await findDocument(app.kysely, doc.workspaceId, doc.id)) ?? doc;
}
