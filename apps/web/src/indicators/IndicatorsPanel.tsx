/**
 * The indicators tab: the catalogue with values per 年度 (entered in a grid), each
 * indicator's trend chart, comparison with the region's municipalities, import and export,
 * and the population bases normalisation needs. Each view has its own file.
 */
import { useSearchParams } from "react-router";
import { t } from "../i18n/t";
import { ViewTabs } from "../ui/ViewTabs";
import { CompareView } from "./CompareView";
import { IndicatorImport } from "./IndicatorImport";
import { NewIndicator } from "./NewIndicator";
import { PopulationView } from "./PopulationView";
import { TrendView } from "./TrendView";
import { useIndicators } from "./useIndicators";
import { ValueGrid } from "./ValueGrid";
import "../ui/table-scroll.css";
import "./indicators.css";

const VIEWS = ["grid", "trend", "compare", "import", "population"] as const;
type View = (typeof VIEWS)[number];

export function IndicatorsPanel({ wid }: { wid: string }) {
  const { data, reload } = useIndicators(wid);
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get("iview") ?? "")
    ? (params.get("iview") as View)
    : "grid";
  const selected = params.get("indicator");
  const go = (v: View, indicator?: string) => {
    const next = new URLSearchParams(params);
    next.set("iview", v);
    if (indicator) next.set("indicator", indicator);
    setParams(next);
  };
  if (!data) return <p className="muted">{t("common.loading")}</p>;
  return (
    <section data-testid="indicators-panel">
      <ViewTabs area="indicators" views={VIEWS} current={view} onSelect={(v) => go(v)} />
      {view === "grid" && (
        <>
          <ValueGrid wid={wid} data={data} onOpen={(id) => go("trend", id)} />
          {data.can.define && <NewIndicator wid={wid} onDone={() => void reload()} />}
        </>
      )}
      {view === "trend" && (
        <TrendView wid={wid} data={data} selected={selected} onSelect={(id) => go("trend", id)} />
      )}
      {view === "compare" && <CompareView wid={wid} data={data} />}
      {view === "import" && <IndicatorImport wid={wid} onDone={reload} />}
      {view === "population" && <PopulationView wid={wid} data={data} />}
    </section>
  );
}
