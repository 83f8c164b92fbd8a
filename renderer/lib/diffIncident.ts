import type { Incident, IncidentFields } from '../../contract';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that differ, so `incidents.update` records exactly what the person changed. */
export function diffIncident(original: Incident, draft: IncidentFields): Partial<IncidentFields> {
  const patch: Partial<Record<keyof IncidentFields, unknown>> = {};
  for (const key of Object.keys(draft) as (keyof IncidentFields)[]) {
    if ((original.redacted as string[]).includes(key)) continue;
    if (!same(original[key], draft[key])) patch[key] = draft[key];
  }
  return patch as Partial<IncidentFields>;
}
