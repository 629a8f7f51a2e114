/**
 * The resource directory (医療・介護資源) for members of the workspace: the list with filters
 * (種別, できること, 日常生活圏域, text), the map (Leaflet, loaded only here), the professionals'
 * 連絡可能時間一覧表 and 病院連携窓口一覧表 (printable, as Excel from the server), and the
 * secretariat's open-data import with its field-by-field preview. Each view has its own file.
 */
import { contactTimesTable, liaisonTable } from "@tsumugi/domain";
import { Link } from "react-router";
import { Deferred, lazyNamed } from "../app/lazy";
import { AreasSettings } from "../areas/AreasSettings";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { DirectorySettings } from "./DirectorySettings";
import { FilterBar } from "./FilterBar";
import { ProfessionalTableView, tableEntries } from "./ProfessionalTableView";
import { ResourceImport } from "./ResourceImport";
import { ResourceList } from "./ResourceList";
import { useDirectorySearch, useResourceFilters } from "./resource-filters";
import { UpdateRequests } from "./UpdateRequests";
import { useResourceDirectory } from "./useResourceDirectory";
import "./kind-chips.css";
import "./resources.css";

// Leaflet and the clustering load with the map view only.
const ResourceMap = lazyNamed(() => import("./ResourceMap"), "ResourceMap");

const VIEWS = ["list", "map", "contactTimes", "liaison", "import", "requests", "settings"] as const;
type View = (typeof VIEWS)[number];

export function ResourcesPanel(props: {
  wid: string;
  canImport: boolean;
  canReview: boolean;
  /** The municipality's name (流山市): addresses are read after it. */
  municipality?: string;
}) {
  const { wid, canImport, canReview } = props;
  const municipality = props.municipality ?? "";
  const { api, data, error, reload, actionsOf } = useResourceDirectory(wid);
  const { params, filters, setFilter, setFilters } = useResourceFilters();
  const { centres, origin, place, found } = useDirectorySearch(data, filters, municipality);

  const views = VIEWS.filter(
    (v) =>
      (v !== "import" || canImport) && (v !== "requests" || canReview) && (v !== "settings" || canImport),
  );
  const requested = params.get("view") as View | null;
  const view: View = requested && views.includes(requested) ? requested : "list";
  const viewLink = (v: View) => {
    const next = new URLSearchParams(params);
    next.set("view", v);
    return `?${next}`;
  };

  const shown = found.map((h) => h.entry);
  const distances = new Map(found.map((h) => [h.entry.id, h.distanceKm]));
  if (error) return <ErrorBanner message={error} />;
  if (!data) return <p className="muted pad">{t("common.loading")}</p>;
  const areaName = (id: string | null) => data.areas.find((a) => a.id === id)?.name ?? "";

  return (
    <section className="resources" data-testid="resources">
      {data.settings.demo && (
        <p className="notice resources-demo" data-testid="resources-demo">
          {t("resources.demo")}
        </p>
      )}
      <nav className="resources-views no-print" aria-label={t("workspace.tab.resources")}>
        {views.map((v) => (
          <Link
            key={v}
            to={viewLink(v)}
            replace
            className={v === view ? "active" : ""}
            aria-current={v === view ? "page" : undefined}
            data-testid={`resources-view-${v}`}
          >
            {t(`resources.view.${v}`)}
          </Link>
        ))}
      </nav>
      {(view === "list" || view === "map") && (
        <FilterBar
          filters={filters}
          areas={data.areas}
          setFilter={setFilter}
          setFilters={setFilters}
          count={shown.length}
          towns={centres.map((c) => c.town)}
          entries={data.resources}
          origin={origin}
        />
      )}
      {view === "list" && (
        <ResourceList
          entries={shown}
          areaName={areaName}
          sendLink={(r) => api.sendLink(r.id)}
          actionsOf={actionsOf}
          distanceOf={(id) => distances.get(id) ?? null}
          areas={data.areas}
          setArea={async (r, areaId) => {
            await api.update(r.id, { areaId });
            await reload();
          }}
        />
      )}
      {view === "map" && (
        <Deferred label={t("resources.map.loading")}>
          <ResourceMap
            entries={shown}
            origin={place}
            all={data.resources}
            areaName={areaName}
            canPlace={(r) => r.abilities.update}
            place={async (r, lat, lng) => {
              await api.update(r.id, { lat, lng });
              await reload();
            }}
          />
        </Deferred>
      )}
      {view === "contactTimes" && (
        <ProfessionalTableView
          table={contactTimesTable(tableEntries(data.resources), areaName)}
          excel={api.workbookUrl("contact-times")}
          testid="contact-times"
        />
      )}
      {view === "liaison" && (
        <ProfessionalTableView
          table={liaisonTable(tableEntries(data.resources))}
          excel={api.workbookUrl("liaison")}
          testid="liaison"
        />
      )}
      {view === "import" && <ResourceImport wid={wid} onImported={reload} />}
      {view === "requests" && <UpdateRequests wid={wid} onDecided={reload} />}
      {view === "settings" && (
        <>
          <DirectorySettings wid={wid} data={data} reload={reload} />
          {/* The one list of 日常生活圏域, shared with the consultation desk. */}
          <AreasSettings wid={wid} onChanged={() => void reload()} />
        </>
      )}
    </section>
  );
}
