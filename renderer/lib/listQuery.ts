import {
  CATEGORIES, SEVERITIES, SORTABLE_FIELDS, STATUSES,
  type Category, type IncidentStatus, type MethodInput, type Severity, type SortableField,
} from '../../contract';

/** What the incident list shows: filters and sort, all applied by the server. */
export interface ListQuery {
  status: IncidentStatus[];
  severity: Severity[];
  category: Category[];
  owner: string | null;
  text: string;
  sort: { field: SortableField; dir: 'asc' | 'desc' };
}

export const DEFAULT_QUERY: ListQuery = {
  status: [], severity: [], category: [], owner: null, text: '', sort: { field: 'detectedAt', dir: 'desc' },
};

const subset = <T extends string>(value: unknown, allowed: readonly T[]): value is T[] =>
  Array.isArray(value) && value.every((v) => allowed.includes(v as T));

export function isListQuery(value: unknown): value is ListQuery {
  if (typeof value !== 'object' || value === null) return false;
  const q = value as Record<string, unknown>;
  const sort = q.sort as Record<string, unknown> | undefined;
  return (
    subset(q.status, STATUSES) && subset(q.severity, SEVERITIES) && subset(q.category, CATEGORIES) &&
    (q.owner === null || typeof q.owner === 'string') && typeof q.text === 'string' &&
    typeof sort === 'object' && sort !== null && SORTABLE_FIELDS.includes(sort.field as SortableField) &&
    (sort.dir === 'asc' || sort.dir === 'desc')
  );
}

export function hasFilters(q: ListQuery): boolean {
  return q.status.length > 0 || q.severity.length > 0 || q.category.length > 0 || q.owner !== null || q.text.trim() !== '';
}

export function toListInput(q: ListQuery): Omit<MethodInput<'incidents.list'>, 'offset' | 'limit'> {
  return {
    ...(q.status.length ? { status: q.status } : {}),
    ...(q.severity.length ? { severity: q.severity } : {}),
    ...(q.category.length ? { category: q.category } : {}),
    ...(q.owner ? { owner: q.owner } : {}),
    ...(q.text.trim() ? { text: q.text.trim() } : {}),
    sort: q.sort,
  };
}
