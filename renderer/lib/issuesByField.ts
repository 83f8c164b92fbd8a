import type { ApiError } from '../../contract';

export interface FieldIssues {
  /** First problem per top-level field name. */
  fields: Record<string, string>;
  /** Problems not tied to a field the form shows. */
  other: string[];
}

/**
 * Splits the API's `issues` (`path: message`) by field so forms can show each problem next to
 * its input. `prefix` drops a wrapper such as `patch.` from `incidents.update`.
 */
export function issuesByField(error: ApiError | null, known: readonly string[], prefix = ''): FieldIssues {
  const result: FieldIssues = { fields: {}, other: [] };
  if (error === null) return result;
  if (error.code !== 'VALIDATION' || !error.issues?.length) {
    result.other.push(error.message);
    return result;
  }
  for (const issue of error.issues) {
    const at = issue.indexOf(': ');
    let path = at > 0 ? issue.slice(0, at) : '';
    const message = at > 0 ? issue.slice(at + 2) : issue;
    if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length);
    const [field, ...rest] = path.split('.');
    if (field !== undefined && known.includes(field)) {
      const where = rest.length ? `${rest.map((p) => (/^\d+$/.test(p) ? `row ${Number(p) + 1}` : p)).join(' ')}: ` : '';
      const text = `${where}${message}`;
      result.fields[field] ??= text.charAt(0).toUpperCase() + text.slice(1);
    } else {
      result.other.push(issue);
    }
  }
  return result;
}
