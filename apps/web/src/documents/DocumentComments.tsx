/**
 * Comments on a passage of a document: select text in the editor, comment on it; editors
 * mark comments resolved. Readers of a group's draft (the plenary) comment too.
 */

import { useMemo } from "react";
import { CommentThreadView } from "../comments/CommentThread";
import { documentThread } from "../comments/comments-api";
import { t } from "../i18n/t";

export function DocumentComments(props: { wid: string; documentId: string; draftStatus: string | null }) {
  // Asked again when the draft moves: who may resolve follows the document's state.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the status is the reason to ask again
  const api = useMemo(
    () => documentThread(props.wid, props.documentId),
    [props.wid, props.documentId, props.draftStatus],
  );
  return (
    <section className="card doc-comments no-print" data-testid="doc-comments">
      <h3>{t("docComments.title")}</h3>
      <CommentThreadView
        api={api}
        testId="doc-comment"
        quote="selection"
        labels={{
          empty: t("docComments.empty"),
          body: t("docComments.title"),
          post: t("docComments.post"),
          resolve: t("docComments.resolve"),
          resolved: t("docComments.resolved"),
          open: t("docComments.open"),
        }}
      />
    </section>
  );
}
