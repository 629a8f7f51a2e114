/**
 * Published examples (主な相談内容と対応): drafted at a desk from a record (CaseView), edited and
 * submitted by the desk, approved (published), returned or withdrawn by the secretariat. What
 * a button offers comes from the example's abilities (the server's policy).
 */
import type { ConsultationExample, DeskList } from "@tsumugi/contract";
import {
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  EXAMPLE_STATUSES,
  fiscalYearLabel,
  labelOf,
} from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { DeskApi, ExampleStepName } from "./desk-api";
import { ExampleFields, type ExampleTexts } from "./ExampleForm";

export function ExamplesView(props: { api: DeskApi; desks: DeskList }) {
  const { api } = props;
  const [examples, setExamples] = useState<ConsultationExample[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api
        .examples()
        .then((r) => setExamples(r.examples))
        .catch((e: Error) => setError(e.message)),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="desk-examples" data-testid="desk-examples">
      <p>{t("desk.examples.intro")}</p>
      <p>
        <a href={props.desks.publicPath} target="_blank" rel="noreferrer" data-testid="public-desk-link">
          {t("desk.examples.publicPage")}
        </a>
      </p>
      <ErrorBanner message={error} />
      {examples?.length === 0 && <p className="muted">{t("desk.examples.empty")}</p>}
      <ul className="plain">
        {examples?.map((e) => (
          <ExampleItem key={e.id} api={api} example={e} onChanged={load} onError={setError} />
        ))}
      </ul>
    </div>
  );
}

function ExampleItem(props: {
  api: DeskApi;
  example: ConsultationExample;
  onChanged: () => void;
  onError: (m: string | null) => void;
}) {
  const e = props.example;
  const [editing, setEditing] = useState(false);
  const [texts, setTexts] = useState<ExampleTexts>({
    title: e.title,
    question: e.question,
    answer: e.answer,
  });
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function step(name: ExampleStepName) {
    try {
      await props.api.stepExample(e.id, name, name === "return" ? note : "");
      props.onError(null);
      props.onChanged();
    } catch (err) {
      props.onError((err as Error).message);
    }
  }
  async function save() {
    try {
      await props.api.updateExample(e.id, texts);
      setEditing(false);
      setErrors({});
      props.onChanged();
    } catch (err) {
      setErrors((err as { fields?: Record<string, string> }).fields ?? {});
      props.onError((err as Error).message);
    }
  }
  return (
    <li className="desk-example card" data-testid="example-item">
      <p className="desk-example-meta">
        <span className={`badge status-${e.status}`} data-testid="example-status">
          {labelOf(EXAMPLE_STATUSES, e.status)}
        </span>{" "}
        {fiscalYearLabel(e.fiscalYear)}・{labelOf(CONSULTER_TYPES, e.consulterType)}・
        {e.topics.map((x) => labelOf(CONSULTATION_TOPICS, x)).join("・")}
        {e.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </p>
      {editing ? (
        <div className="desk-example-form">
          <p className="muted small">{t("desk.examples.identifyingHelp")}</p>
          <ExampleFields value={texts} onChange={setTexts} errors={errors} />
          <div className="actions">
            <button type="button" className="primary" onClick={save}>
              {t("desk.examples.save")}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <>
          <h4>{e.title}</h4>
          <p className="small muted">{t("desk.examples.question")}</p>
          <p className="prewrap">{e.question}</p>
          <p className="small muted">{t("desk.examples.answer")}</p>
          <p className="prewrap">{e.answer}</p>
        </>
      )}
      {e.note && e.status === "returned" && (
        <p className="notice small">{t("desk.examples.noteFromSecretariat", { note: e.note })}</p>
      )}
      <div className="actions">
        {e.abilities.update && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {t("desk.examples.edit")}
          </button>
        )}
        {e.abilities.submit && (
          <button type="button" onClick={() => step("submit")} data-testid="example-submit">
            {t("desk.examples.submit")}
          </button>
        )}
        {e.abilities.approve && (
          <button
            type="button"
            className="primary"
            onClick={() => step("approve")}
            data-testid="example-approve"
          >
            {t("desk.examples.approve")}
          </button>
        )}
        {e.abilities.return && (
          <>
            <Field label={t("desk.examples.returnNote")}>
              <input value={note} maxLength={500} onChange={(x) => setNote(x.target.value)} />
            </Field>
            <button type="button" onClick={() => step("return")} data-testid="example-return">
              {t("desk.examples.return")}
            </button>
          </>
        )}
        {e.abilities.withdraw && (
          <button type="button" onClick={() => step("withdraw")} data-testid="example-withdraw">
            {t("desk.examples.withdraw")}
          </button>
        )}
      </div>
    </li>
  );
}
