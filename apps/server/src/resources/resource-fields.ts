/**
 * A request's fields in the domain's shape, and where each field's value came from (manual,
 * provider, import): a later import leaves the fields set by hand or by the provider.
 */
import type { CreateResource, ProviderUpdate, UpdateResource } from "@tsumugi/contract";
import { type FieldSources, PUBLIC_FIELDS, type ResourceField, type ResourceFields } from "@tsumugi/domain";

/** The fields a request body sets, in the domain's shape. */
export function fieldsOfInput(
  input: Partial<CreateResource & UpdateResource & ProviderUpdate>,
  current: ResourceFields,
  now: number,
  opts: { restateVacancy?: boolean } = {},
): Partial<ResourceFields> {
  const out: Partial<Record<ResourceField, unknown>> = {};
  // Every field but the vacancy, which is dated when it is restated.
  const plainFields: readonly ResourceField[] = [...PUBLIC_FIELDS, "contact", "liaison"];
  for (const f of plainFields) {
    const v = (input as Record<string, unknown>)[f];
    if (v !== undefined) out[f] = f === "services" ? [...new Set(v as string[])] : v;
  }
  if (input.vacancy) {
    const same = input.vacancy.beds === current.vacancy.beds && input.vacancy.note === current.vacancy.note;
    // A provider stating the same vacancies again is what "last updated" means; an edit of
    // other fields by the secretariat does not restate them.
    if (!same || opts.restateVacancy) out.vacancy = { ...input.vacancy, updatedAt: now };
  }
  return out as Partial<ResourceFields>;
}

/** The sources with `fields` marked as coming from `source`. */
export function markSources(
  sources: FieldSources,
  fields: readonly ResourceField[],
  source: FieldSources[ResourceField],
): FieldSources {
  const out: FieldSources = { ...sources };
  for (const f of fields) out[f] = source;
  return out;
}
