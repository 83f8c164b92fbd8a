/**
 * The KPI engine at a size where its paging and packed sort matter (9,000 incidents: three pages
 * of rows, every month of the year), against an independent method: the same nearest-rank figures
 * by plain SQL window queries on the same file.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResult } from '../../../contract';
import { computeKpis, listScopeIncidents, type ScopeCursor } from '../../../main/kpis';
import { buildPeriodReport, renderReport } from '../../../main/reports';
import { builtinNotifyDir, loadRegimeLibrary } from '../../../main/notify';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

const N = 9000;
let dir: string;
let db: Db;
let result: KpiResult;

beforeAll(() => {
  dir = makeTempDataDir('kpi-scale');
  db = openDatabase(join(dir, 'kpi.db'), randomBytes(32).toString('hex'));
  migrate(db);
  db.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', '2026-01-01T00:00:00.000Z')").run();
  const insert = db.prepare(
    // search_title as createIncident writes it: left out, the search trigger indexes each row twice.
    `INSERT INTO incidents (ref, title, search_title, category, severity, highest_severity, status, status_rank, detected_at, contained_at, exercise, created_at, created_by, updated_at)
     VALUES (?, 'x', 'x', ?, ?, ?, 'detected', 0, ?, ?, ?, ?, 'root', ?)`,
  );
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const iso = (ms: number) => new Date(ms).toISOString();
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      // Many incidents share a detection instant, so pages break inside a run of equal times.
      const detected = Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 3 * 3_500_000;
      const contained = rnd() < 0.15 ? null : rnd() < 0.02 ? detected - 60_000 : detected + Math.floor(rnd() * 48 * 3_600_000);
      const sev = ['SEV1', 'SEV2', 'SEV3', 'SEV4'][i % 4]!;
      insert.run(`IR-2026-${String(i + 1).padStart(5, '0')}`, i % 2 ? 'malware' : 'phishing', sev, sev, iso(detected), contained === null ? null : iso(contained), i % 20 === 0 ? 1 : 0, iso(detected), iso(detected));
    }
  })();
  result = computeKpis(db, loadRegimeLibrary(builtinNotifyDir(), null), { from: '2026-01-01', to: '2026-12-31', includeExercises: false }, '2027-01-10T00:00:00.000Z');
  // Seeding 9,000 incidents takes a few seconds alone, more while other files run beside it.
}, 60_000);

afterAll(() => {
  db.close();
  removeTempDataDir(dir);
});

/** Nearest-rank median and p90, n and the sum of detected → contained in ms by SQL alone, for incidents matching `where`. */
function bySql(where: string): { n: number; median: number | null; p90: number | null; sum: number | null } {
  return db.prepare(`
    WITH d AS (SELECT unixepoch(contained_at, 'subsec') * 1000 - unixepoch(detected_at, 'subsec') * 1000 AS v FROM incidents
               WHERE exercise = 0 AND contained_at IS NOT NULL AND contained_at >= detected_at AND ${where}),
         r AS (SELECT v, row_number() OVER (ORDER BY v) AS rn, count(*) OVER () AS n FROM d)
    SELECT (SELECT count(*) FROM d) AS n,
           (SELECT v FROM r WHERE rn = (n + 1) / 2) AS median,
           (SELECT v FROM r WHERE rn = CAST(ceil(0.9 * n) AS INTEGER)) AS p90,
           (SELECT sum(v) FROM d) AS sum`).get() as { n: number; median: number | null; p90: number | null; sum: number | null };
}

describe('KPIs at 9,000 incidents agree with plain SQL', () => {
  it('overall: n, median, p90, mean, and every incident in scope counted once', () => {
    const m = result.durations.find((d) => d.id === 'timeToContain')!;
    const ref = bySql("detected_at >= '2026-01-01' AND detected_at < '2027-01-01'");
    expect(result.incidents).toBe(N - N / 20 - (db.prepare("SELECT count(*) AS c FROM incidents WHERE exercise = 0 AND detected_at >= '2027-01-01'").get() as { c: number }).c);
    expect(m.overall.n).toBe(ref.n);
    expect(m.overall.median).toBe(ref.median! / 1000);
    expect(m.overall.p90).toBe(ref.p90! / 1000);
    expect(m.overall.mean).toBeCloseTo(ref.sum! / ref.n / 1000, 6);
    expect(m.overall.inScope).toBe(m.overall.n + m.overall.missing + m.overall.outOfOrder);
  });

  it('per month and per severity, every group', () => {
    const m = result.durations.find((d) => d.id === 'timeToContain')!;
    for (const g of m.byMonth) {
      const ref = bySql(`strftime('%Y-%m', detected_at) = '${g.key}'`);
      expect([g.key, g.stats.n, g.stats.median, g.stats.p90]).toEqual([g.key, ref.n, ref.median === null ? null : ref.median / 1000, ref.p90 === null ? null : ref.p90 / 1000]);
    }
    for (const g of m.bySeverity) {
      const ref = bySql(`highest_severity = '${g.key}' AND detected_at >= '2026-01-01' AND detected_at < '2027-01-01'`);
      expect([g.key, g.stats.n, g.stats.median, g.stats.p90]).toEqual([g.key, ref.n, ref.median! / 1000, ref.p90! / 1000]);
    }
  });
});

describe('the period report at 9,000 incidents (a hundred times a busy quarter)', () => {
  const year = { from: '2026-01-01', to: '2026-12-31', includeExercises: false };

  it('lists every incident of the scope once, in the order detected, a page at a time across runs of equal times', () => {
    const refs: string[] = [];
    let cursor: ScopeCursor | null = null;
    let pages = 0;
    do {
      const page = listScopeIncidents(db, year, cursor, 500);
      for (const r of page.rows) refs.push(r.ref);
      cursor = page.next;
      pages++;
    } while (cursor);
    const expected = (db.prepare("SELECT ref FROM incidents WHERE exercise = 0 AND detected_at >= '2026-01-01' AND detected_at < '2027-01-01' ORDER BY detected_at, id").all() as { ref: string }[]).map((r) => r.ref);
    expect(refs).toEqual(expected);
    expect(refs.length).toBe(result.incidents);
    expect(pages).toBeGreaterThan(15);
  });

  it('the Markdown report holds a row for each of them', async () => {
    db.exec('BEGIN');
    try {
      const doc = buildPeriodReport({
        db, library: loadRegimeLibrary(builtinNotifyDir(), null), query: year, now: '2027-01-10T00:00:00.000Z', generatedBy: 'root', seesPii: false, redact: false,
        tlp: 'amber', format: 'md', anchor: null, verification: { ok: true, count: 0, head: null },
      });
      const md = (await renderReport('md', doc.meta, doc.blocks)).toString('utf8');
      expect(md.match(/^\| IR-2026-\d{5} \| x \| SEV\d \| Detected \|/gm)?.length).toBe(result.incidents);
    } finally {
      db.exec('ROLLBACK');
    }
  });
});
