/**
 * The collab endpoint's tests on the workspace world (workspace-world.ts): `collabTest` adds the
 * documents they write in, made through the API as the secretariat would — a note of the whole
 * workspace (`docs.docName`: everyone but the observer writes) and a note of the world's group
 * (`docs.groupDocName`: only its member writes).
 *   import { collabTest as it } from "../testing/collab-world.js";
 *   it("…", async ({ server, world: w, docs, open }) => { open(docs.docName, w.member.browser.cookie) … });
 * `twoWriters()` opens the note as the member and as the outsider, the usual pair of editors.
 */
import type { ProviderClient } from "./collab-clients.js";
import type { TestServer } from "./fixtures.js";
import { type Person, type WorkspaceWorld, workspaceTest } from "./workspace-world.js";

export interface CollabDocuments {
  docName: string;
  groupDocName: string;
}

/** A document made through the API by the world's secretariat. */
export async function createNote(
  world: WorkspaceWorld,
  title: string,
  groupId: string | null = null,
): Promise<string> {
  const res = await world.admin.browser.post<{ document: { docName: string } }>(`${world.base}/documents`, {
    title,
    kind: "note",
    ...(groupId ? { groupId } : {}),
  });
  if (res.status !== 201) throw new Error(`creating ${title} failed: ${JSON.stringify(res.body)}`);
  return res.body.document.docName;
}

export const collabTest = workspaceTest.extend<{
  docs: CollabDocuments;
  /** The member and the outsider (both write the workspace note) on it, synced. */
  twoWriters: () => Promise<[ProviderClient, ProviderClient]>;
}>({
  docs: async ({ world }, use) => {
    await use({
      docName: await createNote(world, "推進会議メモ"),
      groupDocName: await createNote(world, "入退院支援ルール（案）", world.groupId),
    });
  },
  twoWriters: async ({ world, docs, open }, use) => {
    await use(async () => {
      const a = open(docs.docName, world.member.browser.cookie);
      const b = open(docs.docName, world.outsider.browser.cookie);
      await Promise.all([a.synced(), b.synced()]);
      return [a, b];
    });
  },
});

/** The session behind a person's cookie: its id, and the person's name as the server shows it. */
export async function sessionOf(
  server: TestServer,
  person: Person,
): Promise<{ id: string; userName: string }> {
  const token = person.browser.cookie?.split("=")[1] ?? "";
  const found = await server.ctx.sessions.validate(token);
  if (!found) throw new Error(`no session for ${person.email}`);
  return { id: found.session.id, userName: found.user.name };
}
