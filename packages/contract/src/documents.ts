/**
 * Collaborative documents of a workspace (notes, minutes, working-group drafts):
 * /api/workspaces/{wid}/documents, a draft's workflow (/status) and versions (/versions);
 * comments on a passage (/comments) are in comments.ts. A document's text is edited over the collab socket
 * (`docName`), not here.
 */
import {
  DOCUMENT_KINDS,
  DOCUMENT_TITLE_MAX,
  DOCUMENT_VERBS,
  DRAFT_STATUSES,
  DRAFT_TEMPLATES,
} from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, oneOf, optionalText, requiredText, Timestamp } from "./fields.js";

const DRAFT_STATUS_IDS = DRAFT_STATUSES.map((s) => s.id) as [
  (typeof DRAFT_STATUSES)[number]["id"],
  ...(typeof DRAFT_STATUSES)[number]["id"][],
];

export const Document = z
  .object({
    id: Id,
    title: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    groupId: z.string().nullable().meta({ description: "The owning group; null for the whole workspace" }),
    docName: z.string().meta({ description: "Opens the document at WebSocket /collab/{docName}" }),
    locked: z.boolean().meta({ description: "Read-only for everyone (fixed minutes, approved drafts)" }),
    draftStatus: z
      .enum(DRAFT_STATUS_IDS)
      .nullable()
      .meta({ description: "A draft's status; null for other kinds" }),
    publicId: z
      .string()
      .nullable()
      .meta({ description: "Set while a draft is on its public page /p/{publicId}" }),
    access: z.enum(["write", "read", "none"]).meta({ description: "The caller's access to the text" }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    demo: z.boolean().meta({ description: "Made up for the demo: screens mark it 「デモ用の例」" }),
    abilities: abilities(DOCUMENT_VERBS, "What the caller may do with this document"),
  })
  .meta({ id: "Document" });
export type Document = z.infer<typeof Document>;

export const DocumentList = z.object({
  documents: z
    .array(Document)
    .meta({ description: "Newest change first; plan and meeting documents are not listed" }),
});
export type DocumentList = z.infer<typeof DocumentList>;

export const DocumentResult = z.object({ document: Document });
export type DocumentResult = z.infer<typeof DocumentResult>;

const NEW_DOCUMENT_KINDS = DOCUMENT_KINDS.filter((k) => k !== "plan") as [
  Exclude<(typeof DOCUMENT_KINDS)[number], "plan">,
  ...Exclude<(typeof DOCUMENT_KINDS)[number], "plan">[],
];

export const CreateDocument = z
  .object({
    title: optionalText(DOCUMENT_TITLE_MAX).optional().meta({
      description: "Required unless a template is given (then it defaults to the template's title)",
    }),
    kind: oneOf(NEW_DOCUMENT_KINDS).meta({ description: "Plan documents are created through /plans" }),
    groupId: z
      .string({ error: "unknown" })
      .regex(/^[a-z0-9]{8,40}$/, { error: "unknown" })
      .nullable()
      .optional()
      .meta({ description: "A group of the workspace; null or left out for the whole workspace" }),
    template: oneOf(DRAFT_TEMPLATES)
      .nullable()
      .optional()
      .meta({ description: "Starting text of a draft (kind draft only)" }),
  })
  .superRefine(
    (body, ctx) => {
      if (!body.template && !body.title)
        ctx.addIssue({ code: "custom", path: ["title"], message: "required" });
      if (body.template && body.kind !== "draft")
        ctx.addIssue({ code: "custom", path: ["template"], message: "unknown" });
    },
    // Reported together with the other fields' problems.
    { when: (p) => p.issues.every((i) => i.path?.[0] !== "title" && i.path?.[0] !== "template") },
  );
export type CreateDocument = z.input<typeof CreateDocument>;

export const MoveDraft = z.object({
  status: oneOf(DRAFT_STATUS_IDS).meta({ description: "作成中 → 全体会で確認中 → 承認済 → 公開" }),
});
export type MoveDraft = z.infer<typeof MoveDraft>;

export const VERSION_REASONS = ["named", "meetingClose", "approval", "periodic", "restore"] as const;

export const Version = z
  .object({
    id: z.number().int(),
    label: z.string(),
    reason: z.enum(VERSION_REASONS).meta({
      description:
        "Named by a person, taken at a meeting's close, at approval, periodically, or before a restore",
    }),
    createdBy: z.string().nullable(),
    createdByName: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: "Version" });
export type Version = z.infer<typeof Version>;

export const VersionList = z.object({ versions: z.array(Version).meta({ description: "Newest first" }) });
export type VersionList = z.infer<typeof VersionList>;

export const VERSION_LABEL_MAX = 100;

export const CreateVersion = z.object({ label: requiredText(VERSION_LABEL_MAX) });
export type CreateVersion = z.input<typeof CreateVersion>;

export const VersionCreated = z.object({ id: z.number().int() });
export type VersionCreated = z.infer<typeof VersionCreated>;

export const VersionState = z.object({
  id: z.number().int(),
  state: z.string().meta({ description: "The document's whole Yjs state at the version, base64" }),
});
export type VersionState = z.infer<typeof VersionState>;

export const VersionRestored = z.object({ restored: z.number().int() });
export type VersionRestored = z.infer<typeof VersionRestored>;
