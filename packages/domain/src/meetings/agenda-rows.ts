/**
 * A new item of a meeting's agenda, written like the plan's new rows (`plan/plan-rows.ts`):
 * every field at its empty value, a fresh id and an order key after the last item, with
 * `fields` given on top. One definition for the web (an item added on screen), the demo's
 * meetings and the tests.
 */
import { orderAfterLast } from "../plan/plan-rows.js";
import { newId } from "../wire.js";
import type { AgendaItem } from "./meeting-doc.js";

/** A new agenda item after `rows`: ten minutes planned, not started, nobody presenting yet. */
export function newAgendaItem(
  rows: readonly { readonly order?: unknown }[],
  fields: Partial<AgendaItem> = {},
): AgendaItem {
  return {
    id: newId(),
    order: orderAfterLast(rows),
    title: "",
    notes: "",
    minutes: 10,
    presenter: "",
    planLinks: [],
    state: "pending",
    carriedFrom: null,
    ...fields,
  };
}
