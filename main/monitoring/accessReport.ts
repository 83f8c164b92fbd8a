import type { AccessReport, AccessRow } from '../../contract';
import type { Db } from '../store';

const ACTIONS: Record<string, AccessRow['action']> = {
  'incident.pii_viewed': 'personal-data-viewed',
  'evidence.viewed': 'evidence-viewed',
  'evidence.exported': 'evidence-exported',
};

export interface AccessQuery {
  user?: string | undefined;
  incident?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

/**
 * Who viewed or exported which incident's personal data and evidence, and when, oldest first:
 * read from the log's `incident.pii_viewed`, `evidence.viewed` and `evidence.exported` events
 * through their partial index (migration 290), a page at a time. Evidence is named by id only:
 * its name is free text.
 */
export function accessReport(db: Db, q: AccessQuery): AccessReport {
  const where: string[] = ["type IN ('incident.pii_viewed', 'evidence.viewed', 'evidence.exported')"];
  const args: unknown[] = [];
  const add = (clause: string, value: string) => {
    where.push(clause);
    args.push(value);
  };
  if (q.user) add('actor = ?', q.user);
  if (q.incident) add('incident_ref = ?', q.incident);
  if (q.from) add('ts >= ?', new Date(q.from).toISOString());
  if (q.to) add('ts < ?', new Date(q.to).toISOString());
  const index = q.user ? 'events_personal_data_access' : 'events_personal_data_access_by_ts';
  const sql = `FROM events INDEXED BY ${index} WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) AS n ${sql}`).get(...args) as { n: number }).n;
  const rows = db.prepare(`SELECT seq, ts, actor, type, incident_ref AS incidentRef, json_extract(data, '$.id') AS evidenceId ${sql} ORDER BY ts, seq LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as { seq: number; ts: string; actor: string; type: string; incidentRef: string | null; evidenceId: string | null }[];
  return {
    total,
    offset: q.offset,
    rows: rows.map((r) => ({
      seq: r.seq, ts: r.ts, user: r.actor, action: ACTIONS[r.type] ?? 'evidence-viewed', incidentRef: r.incidentRef,
      evidenceId: r.type === 'incident.pii_viewed' || r.evidenceId === null ? null : String(r.evidenceId),
    })),
  };
}
