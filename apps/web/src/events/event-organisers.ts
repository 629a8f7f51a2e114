import type { WorkspaceData } from "../workspace/useWorkspace";

/**
 * Who may create events, and with which groups as organisers: the groups the server says this
 * person may organise an event as (the secretariat: every group). A new event starts as the
 * municipality's own (no organiser group) when the server says this person may hold one, else
 * as one of their groups'.
 */
export function organiserChoices(data: WorkspaceData) {
  const groups = data.groups.filter((g) => g.abilities.createEvent);
  const mayCreate = Boolean(data.detail.can["events.create"]) && groups.length > 0;
  const initialOrganiserIds = data.detail.can["events.anyOrganiser"]
    ? []
    : groups.slice(0, 1).map((g) => g.id);
  return { groups, mayCreate, initialOrganiserIds };
}
