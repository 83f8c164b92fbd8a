import { STATUSES, type Category, type IncidentPage, type IncidentRow, type IncidentStatus, type Severity, type SortableField } from '../../contract';
import type { Db } from '../store';
import { SORT_COLUMNS } from './columns';

export interface IncidentQuery {
  status?: IncidentStatus[];
  severity?: Severity[];
  category?: Category[];
  owner?: string;
  text?: string;
  sort?: { field: SortableField; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

interface Filter {
  /** SQL with `@` where the column goes: `@status_rank IN (?, ?)`. */
  sql: string;
  args: unknown[];
}

/**
 * One page, filtered and sorted in SQL; `id` breaks ties so paging is stable.
 *
 * The page is read one of two ways, chosen from the match count: for a broad filter, walk the
 * sort column's index and test each row (stops after offset+limit matches); for a narrow one,
 * fetch the matches through the filter indexes and sort them. SQLite, without statistics, would
 * always pick the second, which costs 18 ms at 100k incidents where the walk costs 0.3 ms.
 */
export function listIncidents(db: Db, q: IncidentQuery): IncidentPage {
  const filters: Filter[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (values && values.length > 0) filters.push({ sql: `@${column} IN (${values.map(() => '?').join(', ')})`, args: [...values] });
  };
  inList('status_rank', q.status?.map((s) => STATUSES.indexOf(s)));
  inList('severity', q.severity);
  inList('category', q.category);
  if (q.owner) filters.push({ sql: '@owner = ?', args: [q.owner] });

  // Trigram FTS indexes words of 3+ characters; shorter words are matched by LIKE, so every
  // word the user typed narrows the list. Both read the title and tags as a role without pii:read
  // is shown them (search_title, search_tags: personal values typed there masked), for every role,
  // so no search answers on what the caller may not read (docs/security.md).
  const words = (q.text ?? '').split(/\s+/).filter(Boolean);
  const ftsQuery = words.filter((w) => w.length >= 3).map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ');
  if (ftsQuery) filters.push({ sql: '@id IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)', args: [ftsQuery] });
  for (const w of words.filter((x) => x.length < 3)) {
    const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push({ sql: "(@search_title LIKE ? ESCAPE '\\' OR @ref LIKE ? ESCAPE '\\' OR @search_tags LIKE ? ESCAPE '\\')", args: [like, like, like] });
  }

  const where = (prefix: '' | '+') =>
    filters.length ? `WHERE ${filters.map((f) => f.sql.replace(/@/g, prefix)).join(' AND ')}` : '';
  const args = filters.flatMap((f) => f.args);

  const onlyText = filters.length === 1 && ftsQuery !== '';
  const total = onlyText
    ? (db.prepare('SELECT count(*) AS n FROM incidents_fts WHERE incidents_fts MATCH ?').get(ftsQuery) as { n: number }).n
    : (db.prepare(`SELECT count(*) AS n FROM incidents ${where('')}`).get(...args) as { n: number }).n;

  const all = filters.length ? (db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n : total;
  // Rows the walk examines ≈ (offset + limit) / selectivity; rows the sort handles = total.
  const walkCost = total === 0 ? Infinity : ((q.offset + q.limit) * all) / total;
  const walk = filters.length > 0 && walkCost < total;

  const sort = q.sort ?? { field: 'updatedAt', dir: 'desc' };
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  // A unary + keeps SQLite from using an index for that term, which leaves it the sort index.
  const rows = db
    .prepare(
      `SELECT ref, title, category, severity, status, owner, tags, detected_at, updated_at, exercise FROM incidents ${where(walk ? '+' : '')}
       ORDER BY ${SORT_COLUMNS[sort.field]} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as Record<string, string | number | null>[];
  return {
    total,
    offset: q.offset,
    rows: rows.map(
      (r): IncidentRow => ({
        ref: r.ref as string,
        title: r.title as string,
        category: r.category as Category,
        severity: r.severity as Severity,
        status: r.status as IncidentStatus,
        owner: (r.owner as string | null) ?? null,
        tags: JSON.parse((r.tags as string | null) ?? '[]') as string[],
        detectedAt: r.detected_at as string,
        updatedAt: r.updated_at as string,
        exercise: r.exercise === 1,
      }),
    ),
  };
}
