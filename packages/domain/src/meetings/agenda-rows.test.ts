import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { isId } from "../documents.js";
import { orderKeysAfter, sortOrdered } from "../plan/order-key.js";
import { newAgendaItem } from "./agenda-rows.js";
import { insertMeetingRow, parseAgendaItem, readAgenda } from "./meeting-doc.js";

describe("a new agenda item", () => {
  const keys = orderKeysAfter(null, 3);
  const rows = [
    { id: "b", order: keys[2] },
    { id: "a", order: keys[0] },
    { id: "c", order: keys[1] },
  ];

  it("comes after the last item, with a fresh id, every field empty", () => {
    const item = newAgendaItem(rows);
    expect(sortOrdered([...rows, item]).at(-1)).toBe(item);
    expect(isId(item.id)).toBe(true);
    expect(newAgendaItem(rows).id).not.toBe(item.id);
    expect(item).toEqual({
      id: item.id,
      order: item.order,
      title: "",
      notes: "",
      minutes: 10,
      presenter: "",
      planLinks: [],
      state: "pending",
      carriedFrom: null,
    });
  });

  it("takes the given fields over the empty ones", () => {
    const item = newAgendaItem([], {
      id: "agendaitem0001",
      title: "事業計画について",
      minutes: 40,
      state: "done",
    });
    expect(item).toMatchObject({
      id: "agendaitem0001",
      title: "事業計画について",
      minutes: 40,
      state: "done",
    });
  });

  it("is read back from a meeting's document as written", () => {
    const item = newAgendaItem([], { title: "入退院支援", presenter: "事務局" });
    expect(parseAgendaItem({ ...item })).toEqual(item);
    const doc = new Y.Doc();
    insertMeetingRow(doc, "agenda", item);
    expect(readAgenda(doc)).toEqual([item]);
    doc.destroy();
  });
});
