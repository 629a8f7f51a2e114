/**
 * What the public desk page (/p/<code>/desk) reads: the municipality, the desks it publishes
 * and the examples the secretariat approved for publication. Nothing of a record is read but
 * the approved example text. Reads only.
 */
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspaceByLgCode, type WorkspaceRecord } from "../workspaces/workspace-repository.js";
import { type DeskRecord, listDesks } from "./desk-repository.js";
import { type ExampleRecord, publishedExamples } from "./example-repository.js";

export interface PublicDeskRead {
  workspace: WorkspaceRecord;
  /** The desks marked public. */
  desks: DeskRecord[];
  /** Published examples, latest 年度 first. */
  examples: ExampleRecord[];
}

/** The municipality's public desk page, or null when it has none or publishes nothing. */
export async function readPublicDesk(q: QueryBuilder, lgCode: string): Promise<PublicDeskRead | null> {
  if (!/^[0-9a-z]{6}$/.test(lgCode)) return null;
  const workspace = await findWorkspaceByLgCode(q, lgCode);
  if (!workspace) return null;
  const desks = (await listDesks(q, workspace.id)).filter((d) => d.public);
  const examples = await publishedExamples(q, workspace.id);
  return desks.length || examples.length ? { workspace, desks, examples } : null;
}
