import type { ApiError } from '../../contract';
import type { PlanFormField } from './planInputFrom';

export interface PlanIssues {
  /** First problem per form field. */
  fields: Partial<Record<PlanFormField, string>>;
  /** Problems no field of the form owns. */
  other: string[];
}

const FIELDS: readonly PlanFormField[] = [
  'name', 'sources', 'target', 'exclude', 'schedule', 'verifySchedule', 'verifyLevel', 'keepLast', 'keepDaily', 'keepWeekly', 'keepMonthly', 'keepYearly',
  'rtoMinutes', 'rpoMinutes', 'fullEvery', 'includeDatabase', 'recipients',
];
const LISTS: readonly PlanFormField[] = ['sources', 'exclude', 'recipients'];
const isField = (name: string | undefined): name is PlanFormField => name !== undefined && (FIELDS as readonly string[]).includes(name);

// The plan store's own checks (paths that exist, a target outside the sources, cron syntax) come
// back as sentences without a `path: ` prefix: they name their field in their first word.
const SENTENCES: [RegExp, PlanFormField][] = [
  [/^source\b|\bat least one source\b/i, 'sources'],
  [/^target\b/i, 'target'],
  [/^schedule\b/i, 'schedule'],
  [/^verification schedule\b/i, 'verifySchedule'],
];

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Splits a refused backups.plans.add by form field: schema issues (`retention.keepLast: …`,
 * `sources.1: …`) by their path, the plan store's sentences by the field they start with, and an
 * existing name to the name field. Lines of a list field are named ("Line 2: …").
 */
export function planIssuesByField(error: ApiError | null): PlanIssues {
  const result: PlanIssues = { fields: {}, other: [] };
  if (error === null) return result;
  const put = (field: PlanFormField, text: string): void => {
    result.fields[field] ??= capitalize(text);
  };
  if (error.code === 'ALREADY_EXISTS') {
    put('name', error.message);
    return result;
  }
  if (error.code !== 'VALIDATION' || !error.issues?.length) {
    result.other.push(error.message);
    return result;
  }
  for (const issue of error.issues) {
    const schema = /^([A-Za-z]+(?:\.[A-Za-z0-9]+)*): (.*)$/s.exec(issue);
    if (schema) {
      const [top, second, ...rest] = (schema[1] ?? '').split('.');
      const message = schema[2] ?? '';
      const field = top === 'retention' ? second : top;
      if (isField(field)) {
        const line = top !== 'retention' && LISTS.includes(field) && second !== undefined && /^\d+$/.test(second) ? `Line ${Number(second) + 1}: ` : '';
        const deeper = rest.length > 0 ? `${rest.join('.')}: ` : '';
        put(field, `${line}${deeper}${message}`);
        continue;
      }
    }
    const sentence = SENTENCES.find(([pattern]) => pattern.test(issue));
    if (sentence) put(sentence[1], issue);
    else result.other.push(issue);
  }
  return result;
}
