import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES, STATUSES, type IncidentRow } from '../../../contract';
import { createIncident, listIncidents, setIncidentStatus, type IncidentQuery } from '../../../main/incidents';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { appendEvent, EVENT_COUNT_CAP, listEvents } from '../../../main/timeline';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

/**
 * listIncidents reads a page by walking the sort index (broad filters) or by sorting the
 * matches (narrow ones). Both must return exactly what a plain in-memory filter + sort returns.
 */
const N = 1500;
let dir: string;
let db: Db;
let all: IncidentRow[];

beforeAll(() => {
  dir = makeTempDataDir();
  db = openDatabase(join(dir, 'plans.db'), randomBytes(32).toString('hex'));
  migrate(db);
  db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', '2026-01-01T00:00:00.000Z')").run();
  db.transaction(() => {
    for (let i = 0; i < N; i += 1) {
      const ts = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      // SEV4 is rare (1 in 50), the others common: one narrow and several broad filters.
      const severity = i % 50 === 0 ? 'SEV4' : SEVERITIES[i % 3]!;
      const { ref } = createIncident(db, 'root', { title: `Case ${i} ${i % 7 === 0 ? 'ransom' : 'phish'}`, severity, category: 'other', detectedAt: ts }, ts);
      const status = STATUSES[i % 5]!;
      if (status !== 'detected') setIncidentStatus(db, 'root', ref, { status, skipPhases: true }, ts);
    }
  })();
  all = listIncidents(db, { offset: 0, limit: 500, sort: { field: 'ref', dir: 'asc' } }).rows;
  for (let off = 500; off < N; off += 500) all.push(...listIncidents(db, { offset: off, limit: 500, sort: { field: 'ref', dir: 'asc' } }).rows);
});

afterAll(() => {
  db.close();
  removeTempDataDir(dir);
});

function expected(q: IncidentQuery): { total: number; refs: string[] } {
  const rows = all
    .filter((r) => !q.severity || q.severity.includes(r.severity))
    .filter((r) => !q.status || q.status.includes(r.status))
    .filter((r) => !q.text || r.title.includes(q.text))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.ref.localeCompare(a.ref, 'en', { numeric: true })));
  return { total: rows.length, refs: rows.slice(q.offset, q.offset + q.limit).map((r) => r.ref) };
}

describe('listIncidents plans', () => {
  it('has all the seeded incidents', () => expect(all).toHaveLength(N));

  const cases: [string, Omit<IncidentQuery, 'offset' | 'limit'>][] = [
    ['broad severity filter (walks the sort index)', { severity: ['SEV1', 'SEV2'] }],
    ['narrow severity filter (sorts the matches)', { severity: ['SEV4'] }],
    ['status + severity', { status: ['triaged', 'contained'], severity: ['SEV2', 'SEV3'] }],
    ['text only (counted in the search index)', { text: 'ransom' }],
    ['text + severity', { text: 'ransom', severity: ['SEV1'] }],
  ];
  for (const [name, filter] of cases) {
    it.each([0, 40, 700])(`${name}, offset %i`, (offset) => {
      const q: IncidentQuery = { ...filter, sort: { field: 'updatedAt', dir: 'desc' }, offset, limit: 50 };
      const page = listIncidents(db, q);
      const want = expected(q);
      expect(page.total).toBe(want.total);
      expect(page.rows.map((r) => r.ref)).toEqual(want.refs);
    });
  }
});

describe('listEvents count cap', () => {
  it('counts the whole log exactly, and caps a search count, saying so', () => {
    db.transaction(() => {
      for (let i = 0; i < EVENT_COUNT_CAP + 5; i += 1) appendEvent(db, { actor: 'root', type: 'test.bulk', data: { text: 'needle' } });
    })();
    const whole = listEvents(db, { offset: 0, limit: 10 });
    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    expect(whole.total).toBe(events);
    expect(whole.totalIsLowerBound).toBeUndefined();
    const search = listEvents(db, { text: 'needle', offset: 0, limit: 10 });
    expect(search.total).toBe(EVENT_COUNT_CAP);
    expect(search.totalIsLowerBound).toBe(true);
    expect(search.rows[0]!.seq).toBe(events);
    const few = listEvents(db, { text: 'ransom', offset: 0, limit: 10 });
    expect(few.totalIsLowerBound).toBeUndefined();
  });
});
