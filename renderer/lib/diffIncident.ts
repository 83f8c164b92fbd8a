import { normalizeAffectedCounts, type Incident, type IncidentFields } from '../../contract';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that differ, so `incidents.update` records exactly what the person changed. */
export function diffIncident(original: Incident, draft: IncidentFields): Partial<IncidentFields> {
  const patch: Partial<Record<keyof IncidentFields, unknown>> = {};
  for (const key of Object.keys(draft) as (keyof IncidentFields)[]) {
    if ((original.redacted as string[]).includes(key)) continue;
    // UK 85 over a stored GB 85 is no change: the backend saves an alias as its code.
    const mine = key === 'affected' ? normalizeAffectedCounts(draft.affected).rows : draft[key];
    if (!same(original[key], mine)) patch[key] = draft[key];
  }
  return patch as Partial<IncidentFields>;
}
