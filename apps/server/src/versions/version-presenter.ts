/** Versions as the API answers them (contract: Version, VersionState). */
import type { Version, VersionState } from "@tsumugi/contract";
import type { VersionInfo } from "./version-store.js";

export function presentVersion(version: VersionInfo): Version {
  return {
    id: version.id,
    label: version.label,
    reason: version.reason,
    createdBy: version.createdBy,
    createdByName: version.createdByName,
    createdAt: version.createdAt,
  };
}

/** One version's whole Yjs state, base64, for viewing and comparing in the browser. */
export function presentVersionState(version: { id: number; state: Uint8Array }): VersionState {
  return { id: version.id, state: Buffer.from(version.state).toString("base64") };
}
