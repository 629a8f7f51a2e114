/** A draft's status and the steps of its workflow that this person may take. */
import { canMoveDraft, type DraftStatus } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError, post } from "../api/client";
import type { DocumentInfo, WorkspaceDetail } from "../api/types";
import { t } from "../i18n/t";

const STEPS: {
  from: DraftStatus;
  to: DraftStatus;
  label: Parameters<typeof t>[0];
  confirm?: Parameters<typeof t>[0];
}[] = [
  { from: "drafting", to: "reviewing", label: "drafts.toReviewing" },
  { from: "reviewing", to: "drafting", label: "drafts.toDrafting" },
  { from: "reviewing", to: "approved", label: "drafts.toApproved", confirm: "drafts.confirmApprove" },
  { from: "approved", to: "published", label: "drafts.toPublished" },
  { from: "published", to: "approved", label: "drafts.unpublish" },
];

export function DraftBar(props: {
  wid: string;
  doc: DocumentInfo;
  detail: WorkspaceDetail;
  userId: string;
  onChange(doc: DocumentInfo): void;
}) {
  const { doc, detail } = props;
  const [error, setError] = useState<string | null>(null);
  if (!doc.draftStatus) return null;
  const status = doc.draftStatus;
  const actor = { userId: props.userId, role: detail.role, groupIds: detail.groupIds };
  const ref = { workspaceId: props.wid, groupId: doc.groupId };
  const move = async (to: DraftStatus, confirmKey?: Parameters<typeof t>[0]) => {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    try {
      const res = await post<{ document: DocumentInfo }>(
        `/api/workspaces/${props.wid}/documents/${doc.id}/status`,
        {
          status: to,
        },
      );
      props.onChange(res.document);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <div className="draft-bar no-print" data-testid="draft-bar">
      <span className="badge" data-testid="draft-status">
        {t(`draftStatus.${status}`)}
      </span>
      {STEPS.filter((s) => s.from === status && canMoveDraft(actor, ref, s.from, s.to)).map((s) => (
        <button
          key={s.to}
          type="button"
          onClick={() => move(s.to, s.confirm)}
          data-testid={`draft-to-${s.to}`}
        >
          {t(s.label)}
        </button>
      ))}
      {doc.publicId && (
        <a href={`/p/${doc.publicId}`} target="_blank" rel="noreferrer" data-testid="draft-public-link">
          {t("drafts.publicPage")}
        </a>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
