/** Documents as the API answers them (contract: Document), with what the caller may do with each. */
import type { Document } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type DocumentResource, documentAccess } from "@tsumugi/domain";
import type { DocumentRecord } from "./document-repository.js";

/** The document as the policy sees it. */
export function documentResource(doc: DocumentRecord): DocumentResource {
  return {
    kind: "document",
    workspaceId: doc.workspaceId,
    groupId: doc.groupId,
    locked: doc.locked,
    reviewing: doc.reviewing,
    draftStatus: doc.draftStatus,
  };
}

export function presentDocument(actor: Actor, doc: DocumentRecord): Document {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    groupId: doc.groupId,
    docName: doc.docName,
    locked: doc.locked,
    draftStatus: doc.draftStatus,
    publicId: doc.publicId,
    access: documentAccess(actor, doc),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    demo: doc.demo,
    abilities: abilitiesOf(actor, documentResource(doc)),
  };
}
