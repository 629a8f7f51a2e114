/**
 * An event's materials (資料): adding a file (its type checked from its contents, the whole
 * file stored in one statement or nothing), renaming it, offering it on the public page or
 * not, and deleting it. Each change is in the audit log.
 */
import { createHash } from "node:crypto";
import type { UpdateEventMaterial } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { auditEvent } from "./event-audit.js";
import type { EventView } from "./event-rows.js";
import { checkMaterialFile, cleanMaterialName, keepsExtension, materialBadName } from "./material-files.js";
import * as materials from "./material-repository.js";

export const materialNotFound = () => new ApiError(404, "material.notFound", "資料が見つかりません。");

/** Adds a file to the event's materials, not public until an organiser says so. */
export async function addMaterial(
  app: AppContext,
  caller: Caller,
  event: EventView,
  rawName: string,
  bytes: Uint8Array,
): Promise<materials.MaterialRecord> {
  const name = cleanMaterialName(rawName);
  if (!name) throw materialBadName();
  const mediaType = await checkMaterialFile(name, bytes);
  const record: materials.MaterialFile = {
    id: newId(),
    eventId: event.id,
    name,
    mediaType,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    public: false,
    createdBy: caller.actor.userId,
    createdAt: Date.now(),
    data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
  await materials.insertMaterial(app.kysely, record);
  await auditEvent(app, caller, event, "event.material_added", {
    materialId: record.id,
    name,
    type: mediaType,
    size: record.size,
    sha256: record.sha256,
  });
  const { data: _, ...stored } = record;
  return stored;
}

export async function changeMaterial(
  app: AppContext,
  caller: Caller,
  event: EventView,
  material: materials.MaterialRecord,
  input: z.output<typeof UpdateEventMaterial>,
): Promise<materials.MaterialRecord> {
  let name: string | undefined;
  if (input.name !== undefined) {
    name = cleanMaterialName(input.name) ?? undefined;
    if (!name) throw invalid({ name: "format" });
    if (!keepsExtension(material.name, name)) throw invalid({ name: "extension" });
  }
  await materials.updateMaterial(app.kysely, event.id, material.id, { name, public: input.public });
  const after = (await materials.findMaterial(app.kysely, event.id, material.id)) ?? material;
  await auditEvent(app, caller, event, "event.material_updated", {
    materialId: material.id,
    name: after.name,
    ...(name !== undefined && name !== material.name ? { renamedFrom: material.name } : {}),
    ...(input.public !== undefined ? { public: input.public } : {}),
  });
  return after;
}

export async function removeMaterial(
  app: AppContext,
  caller: Caller,
  event: EventView,
  material: materials.MaterialRecord,
): Promise<void> {
  if (!(await materials.deleteMaterial(app.kysely, event.id, material.id))) throw materialNotFound();
  await auditEvent(app, caller, event, "event.material_deleted", {
    materialId: material.id,
    name: material.name,
    size: material.size,
    sha256: material.sha256,
  });
}
