import { SEVERITIES, type Incident, type RunInputValue } from '../../contract';
import type { RunbookWhen } from './runbookSchema';

/** The incident facts a condition may read. */
export type WhenFacts = Pick<Incident, 'severity' | 'category' | 'dataCategories' | 'affected'>;

const list = (v: unknown[]): string => v.map((x) => JSON.stringify(x)).join(' or ');

/**
 * Null when every condition holds; otherwise why not, in words for the run view and the
 * timeline ("severity SEV3 is not SEV2 or worse").
 */
export function evaluateWhen(when: RunbookWhen | undefined, incident: WhenFacts, inputs: ReadonlyMap<string, RunInputValue>): string | null {
  if (!when) return null;
  if (when.severityAtLeast && SEVERITIES.indexOf(incident.severity) > SEVERITIES.indexOf(when.severityAtLeast)) {
    return `severity ${incident.severity} is not ${when.severityAtLeast} or worse`;
  }
  if (when.category && !when.category.includes(incident.category)) {
    return `category ${incident.category} is not ${when.category.join(' or ')}`;
  }
  if (when.dataCategories && !when.dataCategories.some((c) => incident.dataCategories.includes(c))) {
    return `the incident has none of the data categories ${when.dataCategories.join(', ')}`;
  }
  if (when.jurisdictions) {
    const affected = incident.affected.filter((a) => a.count > 0).map((a) => a.jurisdiction);
    const hit = when.jurisdictions.some((j) => affected.some((a) => a === j || (j === 'US' && a.startsWith('US-'))));
    if (!hit) return `nobody is recorded as affected in ${when.jurisdictions.join(', ')}`;
  }
  for (const [name, wanted] of Object.entries(when.inputs ?? {})) {
    const values = Array.isArray(wanted) ? wanted : [wanted];
    if (!inputs.has(name)) return `input "${name}" was not given`;
    const given = inputs.get(name);
    if (!values.some((v) => v === given)) return `input "${name}" is ${JSON.stringify(given)}, not ${list(values)}`;
  }
  return null;
}
