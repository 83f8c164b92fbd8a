import { STATUSES } from '../../contract';
import { findUser, insertUser } from '../../main/auth';
import { createIncident, findIncident } from '../../main/incidents';
import type { Db } from '../../main/store';
import { createRandom, sampleIncident } from './sampleData';

export const OWNERS = ['alice', 'bob', 'chen', 'dana'] as const;
export const SEED_METHOD =
  'bulk INSERT into the incidents table (every column createIncident writes, FTS trigger included) in one transaction; no incident.created events';

const START = Date.UTC(2025, 0, 1);
const SPAN = 2 * 365 * 86_400_000;

function ensureOwners(db: Db): void {
  for (const name of OWNERS) if (!findUser(db, name)) insertUser(db, name, name === 'alice' ? 'admin' : 'responder', new Date(START).toISOString());
}

/**
 * n incidents detected over two years, in every status, by one bulk INSERT of the columns
 * createIncident writes (createIncident itself runs at ~1–3k/s: see createIncidentRate). The
 * incidents_fts trigger indexes each row as usual (search_title and search_tags given as createIncident gives them); the per-year counters are left where
 * createIncident would have left them. Returns the wall time in ms.
 */
export function seedIncidents(db: Db, n: number, seed = 3): number {
  const rnd = createRandom(seed);
  ensureOwners(db);
  const insert = db.prepare(
    `INSERT INTO incidents (ref, title, search_title, summary, category, severity, status, status_rank, owner, tags, search_tags, detected_at,
       triaged_at, contained_at, eradicated_at, recovered_at, closed_at, data_categories, affected,
       reporter_name, reporter_email, reporter_phone, affected_people, created_at, created_by, updated_at)
     VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, '[]', '[]', NULL, NULL, NULL, '[]', ?, 'alice', ?)`,
  );
  const counter = db.prepare(
    'INSERT INTO incident_counters (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)',
  );
  const t0 = performance.now();
  db.transaction(() => {
    const lastByYear = new Map<number, number>();
    for (let i = 0; i < n; i += 1) {
      const { fields, status } = sampleIncident(rnd, i, OWNERS);
      const detected = START + Math.floor((i / n) * SPAN);
      const year = new Date(detected).getUTCFullYear();
      const number = (lastByYear.get(year) ?? 0) + 1;
      lastByYear.set(year, number);
      const updated = Math.min(START + SPAN, detected + Math.floor(rnd() * 30 * 86_400_000));
      insert.run(
        `IR-${year}-${String(number).padStart(4, '0')}`,
        fields.title, fields.title, fields.category, fields.severity, status, STATUSES.indexOf(status), fields.owner,
        JSON.stringify(fields.tags), JSON.stringify(fields.tags), new Date(detected).toISOString(), new Date(detected).toISOString(), new Date(updated).toISOString(),
      );
    }
    for (const [year, last] of lastByYear) counter.run(year, last);
  })();
  const ms = performance.now() - t0;
  // The rows must read back as createIncident's would.
  const probe = findIncident(db, `IR-${new Date(START).getUTCFullYear()}-0001`);
  if (n > 0 && (!probe || !Array.isArray(probe.tags))) throw new Error('seeded incidents do not read back');
  return ms;
}

/** createIncident's own rate (insert, FTS row, incident.created event, read-back), 1,000 per transaction. */
export function createIncidentRate(db: Db, n: number): number {
  const rnd = createRandom(5);
  ensureOwners(db);
  const t0 = performance.now();
  for (let done = 0; done < n; done += 1000) {
    db.transaction(() => {
      for (let i = done; i < Math.min(n, done + 1000); i += 1) {
        createIncident(db, 'alice', sampleIncident(rnd, i, OWNERS).fields, new Date(START + i * 60_000).toISOString());
      }
    })();
  }
  return n / ((performance.now() - t0) / 1000);
}
