/**
 * Region groups on the comparison page: the overview of each group this municipality is in,
 * and, for the secretariat, asking to join (the group's owner approves), deciding on requests
 * to its own groups, creating and leaving. What is shown of other municipalities is the
 * server's decision (the policy): their indicators, and their plan progress only where allowed.
 */
import type { AvailableRegionGroups, RegionOverview as Overview, RegionGroupList } from "@tsumugi/contract";
import { fiscalYearLabel, roundFigure } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import "../ui/table-scroll.css";
import { regionsApi } from "./indicators-api";
import "./region-groups.css";

type MyGroup = RegionGroupList["groups"][number];
type AvailableGroup = AvailableRegionGroups["groups"][number];

const kindLabel = (kind: string) => t(`indicators.regionKind.${kind}` as MessageKey);

/** The secretariat asks to join, decides on requests, creates and leaves region groups. */
export function RegionMembership({ wid, onChange }: { wid: string; onChange(): void }) {
  const [mine, setMine] = useState<MyGroup[]>([]);
  const [available, setAvailable] = useState<AvailableGroup[]>([]);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const regions = regionsApi(wid);
  const load = async () => {
    setMine((await regions.mine()).groups);
    setAvailable((await regions.available()).groups);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per workspace
  useEffect(() => {
    void load();
  }, [wid]);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.error"));
    }
    await load();
    onChange();
  };
  return (
    <section className="card no-print region-membership" data-testid="region-membership">
      <h3>{t("indicators.regions")}</h3>
      <p className="muted small">{t("indicators.regionsHint")}</p>
      <ErrorBanner message={error} />
      <ul className="plain">
        {mine.map((g) => (
          <li key={g.id} data-testid="region-mine" data-membership={g.membership}>
            <span className="region-name">
              {g.name}
              {kindLabel(g.kind)}
            </span>{" "}
            <span className={`badge region-${g.membership}`}>{t(`region.membership.${g.membership}`)}</span>{" "}
            {g.abilities.leave && (
              <button type="button" className="link" onClick={() => act(() => regions.leave(g.id))}>
                {t(g.membership === "pending" ? "region.withdraw" : "indicators.regionLeave")}
              </button>
            )}
            {g.abilities.decideRequests && g.requests.length > 0 && (
              <ul className="plain region-requests" data-testid="region-requests">
                {g.requests.map((r) => (
                  <li key={r.workspaceId} data-testid="region-request">
                    {t("region.request", { name: `${r.prefecture} ${r.name}` })}{" "}
                    <button
                      type="button"
                      data-testid="region-approve"
                      onClick={() => act(() => regions.decide(g.id, r.workspaceId, "approve"))}
                    >
                      {t("region.approve")}
                    </button>{" "}
                    <button
                      type="button"
                      className="secondary"
                      data-testid="region-refuse"
                      onClick={() => act(() => regions.decide(g.id, r.workspaceId, "refuse"))}
                    >
                      {t("region.refuse")}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {available.map((g) => (
          <li key={g.id} data-testid="region-available">
            <span className="region-name">
              {g.name}
              {kindLabel(g.kind)}
            </span>
            {g.owner && <span className="muted small">（{t("region.ownedBy", { owner: g.owner })}）</span>}{" "}
            <button
              type="button"
              className="link"
              data-testid="region-ask"
              onClick={() => act(() => regions.join(g.id))}
            >
              {t("region.ask")}
            </button>
            {g.kind === "prefecture" && (
              <p className="muted small region-note">
                {t("region.prefectureNote", { owner: g.owner ?? t("region.theOwner") })}
              </p>
            )}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void act(() => regions.create({ name })).then(() => setName(""));
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label={t("indicators.regionName")}
          className="wide-input"
          placeholder={t("indicators.regionName")}
        />
        <button type="submit">{t("indicators.regionCreate")}</button>
      </form>
    </section>
  );
}

/** Each group this municipality is in (a pending request shows nothing yet). */
export function RegionOverview({ wid }: { wid: string }) {
  const [overviews, setOverviews] = useState<Overview[]>([]);
  useEffect(() => {
    const regions = regionsApi(wid);
    void regions.mine().then(async (r) => {
      setOverviews(
        await Promise.all(
          r.groups.filter((g) => g.membership !== "pending").map((g) => regions.overview(g.id)),
        ),
      );
    });
  }, [wid]);
  return (
    <>
      {overviews.map((o) => (
        <section key={o.group.name} className="card" data-testid="region-overview">
          <h3>
            {o.group.name}　{kindLabel(o.group.kind)}
          </h3>
          <div className="table-scroll">
            <table className="grid-table region-table">
              <thead>
                <tr>
                  <th className="sticky-col">{t("indicators.municipality")}</th>
                  {o.showPlans && <th>{t("dashboard.overall")}</th>}
                  {o.members[0]?.indicators.map((i) => (
                    <th key={i.code}>{i.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {o.members.map((m) => (
                  <tr key={m.workspaceId}>
                    <th scope="row" className="sticky-col">
                      {m.name}
                    </th>
                    {o.showPlans && (
                      <td data-testid="region-plan">
                        {!m.planShown
                          ? t("region.planHidden")
                          : m.plan
                            ? `${fiscalYearLabel(m.plan.fiscalYear)} ${m.plan.progress === null ? "—" : `${Math.round(m.plan.progress)}%`}（${m.plan.done}/${m.plan.actions}）`
                            : t("indicators.noPlan")}
                      </td>
                    )}
                    {m.indicators.map((i) => (
                      <td key={i.code}>
                        {roundFigure(i.normalised ?? i.value, 1) ?? t("indicators.missing")}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
