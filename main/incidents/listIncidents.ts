import type { IncidentPage, IncidentRow, IncidentStatus, Severity, Category, SortableField } from '../../contract';
import type { Db } from '../store';
import { SORT_COLUMNS } from './columns';
import { STATUSES } from '../../contract';

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

/** One page, filtered and sorted in SQL on indexed columns; `id` breaks ties so paging is stable. */
export function listIncidents(db: Db, q: IncidentQuery): IncidentPage {
  const where: string[] = [];
  const args: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    args.push(...values);
  };
  inList('status_rank', q.status?.map((s) => STATUSES.indexOf(s)));
  inList('severity', q.severity);
  inList('category', q.category);
  if (q.owner) {
    where.push('owner = ?');
    args.push(q.owner);
  }
  // Trigram FTS indexes words of 3+ characters; shorter words are matched by LIKE, so every
  // word the user typed narrows the list.
  for (const word of (q.text ?? '').split(/\s+/).filter(Boolean)) {
    if (word.length >= 3) {
      where.push('id IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)');
      args.push(`"${word.replace(/"/g, '""')}"`);
    } else {
      where.push("(title LIKE ? ESCAPE '\\' OR ref LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\')");
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like, like);
    }
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = q.sort ?? { field: 'updatedAt', dir: 'desc' };
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const order = `${SORT_COLUMNS[sort.field]} ${dir}, id ${dir}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM incidents ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT ref, title, category, severity, status, owner, tags, detected_at, updated_at FROM incidents ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as Record<string, string | null>[];
  return {
    total,
    offset: q.offset,
    rows: rows.map(
      (r): IncidentRow => ({
        ref: r.ref!,
        title: r.title!,
        category: r.category as Category,
        severity: r.severity as Severity,
        status: r.status as IncidentStatus,
        owner: r.owner ?? null,
        tags: JSON.parse(r.tags ?? '[]') as string[],
        detectedAt: r.detected_at!,
        updatedAt: r.updated_at!,
      }),
    ),
  };
}
