/** A draft's status and the steps of its workflow that the server says this person may take. */
import type { Document } from "@tsumugi/contract";
import { DRAFT_MOVES, type DraftMove } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { documentsApi } from "./documents-api";

const STEPS: { move: DraftMove; label: Parameters<typeof t>[0]; confirm?: Parameters<typeof t>[0] }[] = [
  { move: "submitForReview", label: "drafts.toReviewing" },
  { move: "sendBack", label: "drafts.toDrafting" },
  { move: "approve", label: "drafts.toApproved", confirm: "drafts.confirmApprove" },
  { move: "publish", label: "drafts.toPublished" },
  { move: "unpublish", label: "drafts.unpublish" },
];

export function DraftBar(props: { wid: string; doc: Document; onChange(doc: Document): void }) {
  const { doc } = props;
  const [error, setError] = useState<string | null>(null);
  if (!doc.draftStatus) return null;
  const status = doc.draftStatus;
  const take = async (move: DraftMove, confirmKey?: Parameters<typeof t>[0]) => {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    try {
      const res = await documentsApi(props.wid).move(doc.id, { status: DRAFT_MOVES[move].to });
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
      {STEPS.filter((s) => doc.abilities[s.move]).map((s) => (
        <button
          key={s.move}
          type="button"
          onClick={() => take(s.move, s.confirm)}
          data-testid={`draft-to-${DRAFT_MOVES[s.move].to}`}
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
