import { useEffect } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { Deferred, lazyNamed } from "../app/lazy";
import { AuditPanel } from "../audit/AuditPanel";
import { DocumentsPanel } from "../documents/DocumentsPanel";
import { GroupsPanel } from "../groups/GroupsPanel";
import type { MessageKey, messages } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { InvitesPanel } from "../invites/InvitesPanel";
import { MeetingsPanel } from "../meetings/MeetingsPanel";
import { MembersPanel } from "../members/MembersPanel";
import { MentionsPanel } from "../plan/MentionsPanel";
import { PlansPanel } from "../plan/PlansPanel";
import { ErrorBanner } from "../ui/Field";
import { HomePanel } from "./HomePanel";
import { useWorkspace } from "./useWorkspace";

// The charts (Recharts) load with the indicators tab, not with the home page.
const IndicatorsPanel = lazyNamed(() => import("../indicators/IndicatorsPanel"), "IndicatorsPanel");
// The consultation desk: its own chunk, for the secretariat and coordinators only.
const DeskPanel = lazyNamed(() => import("../desk/DeskPanel"), "DeskPanel");
const EventsPanel = lazyNamed(() => import("../events/EventsPanel"), "EventsPanel");
// The resource directory (and Leaflet with its map) loads with its tab.
const ResourcesPanel = lazyNamed(() => import("../resources/ResourcesPanel"), "ResourcesPanel");

const TABS = [
  "home",
  "plans",
  "meetings",
  "events",
  "indicators",
  "desk",
  "resources",
  "documents",
  "mentions",
  "members",
  "groups",
  "invites",
  "audit",
] as const;
type Tab = (typeof TABS)[number];

export function WorkspaceHome() {
  const { wid = "" } = useParams();
  const [params] = useSearchParams();
  const { data, error, reload } = useWorkspace(wid);
  const requestedTab = params.get("tab");
  // Others change the workspace too (someone accepts an invitation, joins a group): each
  // switch of tab shows fresh data.
  useEffect(() => {
    if (requestedTab !== null) void reload();
  }, [requestedTab, reload]);
  if (error) return <ErrorBanner message={error} />;
  if (!data) return <p className="muted pad">{t("common.loading")}</p>;
  const { detail } = data;
  const visible: Tab[] = TABS.filter(
    (tab) =>
      (tab !== "invites" || detail.can["invites.manage"]) &&
      (tab !== "audit" || detail.can["audit.read"]) &&
      (tab !== "desk" || detail.can["consultations.use"]),
  );
  const requested = requestedTab as Tab | null;
  const tab: Tab = requested && visible.includes(requested) ? requested : "home";
  const tabLabel = (x: Tab) => t(`workspace.tab.${x}` as MessageKey & keyof typeof messages);

  return (
    <main className="wide">
      <div className="ws-header">
        <h1 data-testid="workspace-name">
          {detail.workspace.prefecture} {detail.workspace.name}
        </h1>
        <span className="badge">{t("workspace.role", { role: t(`role.${detail.role}`) })}</span>
      </div>
      <nav className="tabs">
        {visible.map((x) => (
          <Link
            key={x}
            to={`?tab=${x}`}
            className={x === tab ? "active" : ""}
            aria-current={x === tab ? "page" : undefined}
            data-testid={`tab-${x}`}
          >
            {tabLabel(x)}
          </Link>
        ))}
      </nav>
      {tab === "home" && (
        <HomePanel wid={wid} groupName={(id) => data.groups.find((g) => g.id === id)?.name ?? ""} />
      )}
      {tab === "plans" && <PlansPanel wid={wid} canCreate={Boolean(detail.can["plans.create"])} />}
      {tab === "mentions" && <MentionsPanel wid={wid} />}
      {tab === "meetings" && <MeetingsPanel wid={wid} data={data} />}
      {tab === "events" && (
        <Deferred>
          <EventsPanel wid={wid} data={data} />
        </Deferred>
      )}
      {tab === "indicators" && (
        <Deferred>
          <IndicatorsPanel wid={wid} />
        </Deferred>
      )}
      {tab === "desk" && (
        <Deferred>
          <DeskPanel wid={wid} canManage={Boolean(detail.can["desks.manage"])} members={data.members} />
        </Deferred>
      )}
      {tab === "resources" && (
        <Deferred>
          <ResourcesPanel
            wid={wid}
            canImport={Boolean(detail.can["resources.import"])}
            canReview={Boolean(detail.can["resources.review"])}
            municipality={detail.workspace.name}
          />
        </Deferred>
      )}
      {tab === "documents" && <DocumentsPanel wid={wid} data={data} reload={reload} />}
      {tab === "members" && <MembersPanel wid={wid} data={data} reload={reload} />}
      {tab === "groups" && <GroupsPanel wid={wid} data={data} reload={reload} />}
      {tab === "invites" && <InvitesPanel wid={wid} groups={data.groups} />}
      {tab === "audit" && <AuditPanel wid={wid} members={data.members} />}
    </main>
  );
}
