/**
 * Which top-level parts of a document an incoming update would change, found before the
 * update is stored: the collab server refuses an update touching a part the writer may not
 * change (policy `reservedParts`: the plan papers' secretariat-only fields).
 *
 * An update names where each new item goes either directly (a top-level type's name, or the
 * item holding its parent type) or through its neighbours (origin, right origin), which are
 * in the update itself or already in the room's document. Deletions name item ids: they touch
 * the parts holding those items, unless the items are already deleted (a client's sync step 2
 * carries its whole delete set, mostly things the server deleted long ago). Items the server
 * already has change nothing.
 *
 * An item whose place cannot be found (a neighbour neither in the update nor in the document,
 * a chain of neighbours that loops) is held by Yjs until the missing part arrives, and could
 * then land anywhere: for a writer with reserved parts it counts as touching them.
 */
import * as Y from "yjs";

/** The part an item could not be placed in. */
export const UNKNOWN_PART = "?";

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Top-level names an update would change in `doc` (UNKNOWN_PART for items it cannot place).
 * `pending`: updates accepted before it and not yet applied to `doc` (being stored): the
 * update may build on them, as a person's next keystroke builds on the previous one.
 */
export function partsTouched(
  doc: Y.Doc,
  update: Uint8Array,
  pending: Iterable<Uint8Array> = [],
): Set<string> {
  const { structs, ds } = Y.decodeUpdate(update);
  const touched = new Set<string>();
  const byClient = new Map<number, Struct[]>();
  for (const earlier of [...pending, update]) {
    const decoded = earlier === update ? structs : Y.decodeUpdate(earlier).structs;
    for (const s of decoded as Struct[]) {
      const list = byClient.get(s.id.client);
      if (list) list.push(s);
      else byClient.set(s.id.client, [s]);
    }
  }
  // Each client's structs by clock (an update holds them in order; several may interleave).
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const places = new Places(doc, byClient);

  for (const s of structs as Struct[]) {
    if (!(s instanceof Y.Item)) continue;
    // Already in the document: Yjs skips it.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    touched.add(places.ofUpdateItem(s) ?? UNKNOWN_PART);
  }

  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    const stored = doc.store.clients.get(client) ?? [];
    const inUpdate = byClient.get(client) ?? [];
    for (const { clock, len } of ranges) {
      const end = clock + len;
      // Items of the update deleted by the same update.
      for (const s of inUpdate)
        if (s instanceof Y.Item && s.id.clock < end && clock < s.id.clock + s.length)
          touched.add(places.ofUpdateItem(s) ?? UNKNOWN_PART);
      // Beyond what the document and the update hold: a deletion waiting for its items.
      const updateEnd = inUpdate.reduce((m, s) => Math.max(m, s.id.clock + s.length), 0);
      if (end > Math.max(state, updateEnd)) touched.add(UNKNOWN_PART);
      if (clock >= state) continue;
      for (let i = Y.findIndexSS(stored, clock); i < stored.length; i++) {
        const item = stored[i];
        if (item.id.clock >= end) break;
        // Deleted already (or collected): nothing changes.
        if (item instanceof Y.Item && !item.deleted) touched.add(places.ofDocItem(item) ?? UNKNOWN_PART);
      }
    }
  }
  return touched;
}

/** How many neighbours are followed to place one item before giving up. */
const MAX_STEPS = 100_000;

/** Finds the top-level name an item lands in, remembering the answers along the way. */
class Places {
  private readonly known = new Map<Y.Item, string | null>();
  private readonly rootNames = new Map<unknown, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly byClient: Map<number, Struct[]>,
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  /** The part an item of the document is in. */
  ofDocItem(item: Y.Item): string | null {
    let type = item.parent as Y.AbstractType<unknown> | null;
    while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
    return type ? (this.rootNames.get(type) ?? null) : null;
  }

  /**
   * The part an item of the update lands in: its parent's name, else the part of the item
   * holding its parent type, else its origin's or right origin's part (how Yjs places it).
   * Null when a neighbour is missing, or is a collected item (Yjs then collects this one too,
   * which changes nothing, but it is not placed either).
   */
  ofUpdateItem(start: Y.Item): string | null {
    const path: Y.Item[] = [];
    let current: Y.Item | null = start;
    let found: string | null = null;
    for (let steps = 0; current && steps < MAX_STEPS; steps++) {
      const remembered = this.known.get(current);
      if (remembered !== undefined) {
        found = remembered;
        break;
      }
      path.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === "string") {
        found = parent;
        break;
      }
      const next = parent instanceof Y.ID ? parent : (current.origin ?? current.rightOrigin);
      if (!next) break;
      const inUpdate = this.inUpdate(next);
      if (inUpdate) {
        if (path.includes(inUpdate)) break;
        current = inUpdate;
        continue;
      }
      const stored = this.inDocument(next);
      found = stored ? this.ofDocItem(stored) : null;
      break;
    }
    for (const item of path) this.known.set(item, found);
    return found;
  }

  private inUpdate(id: Y.ID): Y.Item | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    // Sorted by clock: a binary search.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Item ? s : null;
    }
    return null;
  }

  private inDocument(id: Y.ID): Y.Item | null {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const structs = this.doc.store.clients.get(id.client);
    if (!structs) return null;
    const s = structs[Y.findIndexSS(structs, id.clock)];
    return s instanceof Y.Item ? s : null;
  }
}
