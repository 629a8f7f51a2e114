import type { CreateDocument } from "@tsumugi/contract";
import { DOCUMENT_KINDS, DRAFT_TEMPLATES, type DraftTemplate } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { documentsApi } from "./documents-api";

interface Props {
  wid: string;
  data: WorkspaceData;
  reload(): Promise<void>;
}

export function DocumentsPanel({ wid, data }: Props) {
  const groupName = (id: string | null) =>
    id === null ? t("documents.wholeWorkspace") : (data.groups.find((g) => g.id === id)?.name ?? "");
  return (
    <section>
      {data.detail.can["documents.create"] && <NewDocumentForm wid={wid} data={data} />}
      {data.documents.length === 0 ? (
        <p className="muted">{t("documents.empty")}</p>
      ) : (
        <table className="list" data-testid="document-list">
          <thead>
            <tr>
              <th>{t("documents.title")}</th>
              <th>{t("documents.kind")}</th>
              <th>{t("documents.group")}</th>
              <th>{t("documents.updated")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.documents.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/w/${wid}/d/${d.id}`} data-testid="document-link">
                    {d.title}
                  </Link>
                  {d.demo && <DemoBadge />}
                </td>
                <td>{t(`documentKind.${d.kind}`)}</td>
                <td>{groupName(d.groupId)}</td>
                <td>{formatWarekiDateTime(d.updatedAt)}</td>
                <td>
                  <span className={`badge ${d.access}`}>
                    {t(d.access === "write" ? "documents.access.write" : "documents.access.read")}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewDocumentForm({ wid, data }: { wid: string; data: WorkspaceData }) {
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<CreateDocument["kind"]>("note");
  const [groupId, setGroupId] = useState("");
  const [template, setTemplate] = useState<DraftTemplate | "">("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const { detail } = data;
  // Offer the groups the server lets this person create documents for.
  const groups = data.groups.filter((g) => g.abilities.createDocument);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      const { document } = await documentsApi(wid).create({
        title,
        kind,
        groupId: groupId || null,
        ...(kind === "draft" && template ? { template } : {}),
      });
      navigate(`/w/${wid}/d/${document.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
    }
  }

  return (
    <form className="card inline-form" onSubmit={submit} noValidate data-testid="new-document">
      <h3>{t("documents.new")}</h3>
      <ErrorBanner message={error} />
      <Field label={t("documents.title")} error={fields.title}>
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-document-title" />
      </Field>
      <Field label={t("documents.kind")} error={fields.kind}>
        <select value={kind} onChange={(e) => setKind(e.target.value as CreateDocument["kind"])}>
          {DOCUMENT_KINDS.filter((k) => k !== "plan").map((k) => (
            <option key={k} value={k}>
              {t(`documentKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {kind === "draft" && (
        <Field label={t("drafts.template")} error={fields.template}>
          <select
            value={template}
            onChange={(e) => setTemplate(e.target.value as DraftTemplate | "")}
            data-testid="new-document-template"
          >
            <option value="">{t("drafts.noTemplate")}</option>
            {DRAFT_TEMPLATES.map((x) => (
              <option key={x} value={x}>
                {t(`drafts.template.${x}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t("documents.group")} error={fields.groupId}>
        <select value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          <option value="">{t("documents.wholeWorkspace")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" data-testid="new-document-submit">
        {t("common.create")}
      </button>
    </form>
  );
}
