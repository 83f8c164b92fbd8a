/**
 * Bench 11's measurement, in a process of its own so that its peak memory is the KPI code's and
 * not the seeding's: opens the seeded database, computes a year's dashboard as kpis.get does — a
 * `kpis` job on the report worker thread, with its own read-only connection — cold (nothing kept)
 * and warm, right after a sign-in and right after an incident's time is corrected, then the
 * reference query next to it, and prints the figures as one JSON line.
 * Also runnable by hand on a seeded file: node --import tsx test/bench/kpiWorker.ts '{"file":…,"key":…,"runs":15}'.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KpiResult } from '../../contract';
import { updateIncident } from '../../main/incidents';
import { computeKpis, type KpiQuery } from '../../main/kpis';
import { builtinNotifyDir, loadRegimeLibrary } from '../../main/notify';
import { ReportWorker } from '../../main/reports';
import { openDatabase } from '../../main/store';
import { appendEvent } from '../../main/timeline';
import { median } from './stats';

const { file, key, runs } = JSON.parse(process.argv[2] ?? '{}') as { file: string; key: string; runs: number };
const db = openDatabase(file, key);
const query: KpiQuery = { from: '2026-01-01', to: '2026-12-31', includeExercises: false };
const now = '2027-01-15T00:00:00.000Z';
const worker = new ReportWorker();
const job = (q: KpiQuery) => ({ kind: 'kpis' as const, dbFile: file, keyHex: key, notifyDir: builtinNotifyDir(), dataDir: dirname(file), query: q, now });

const hwm = (): number | null => {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
};
/** Wall times of `n` calls of `fn` (after `warmup` untimed ones), each after `before` (untimed: a change to the store). */
async function timeAsync(n: number, fn: () => Promise<unknown>, warmup = 0, before: () => void = () => undefined): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    before();
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

try {
  // The thread started and its connection opened (a day with nothing in it), as in an app that has
  // rendered a report or shown the dashboard before: the start of a thread is not the KPIs' work.
  const started = performance.now();
  await worker.run(job({ from: '2000-01-01', to: '2000-01-01', includeExercises: false }));
  const threadStartMs = performance.now() - started;
  const baselineMB = process.memoryUsage().rss / 2 ** 20;
  try {
    // Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0): the peak read below is the KPI work's.
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not Linux: the figure is the process's peak */
  }
  const t0 = performance.now();
  let last: KpiResult = await worker.run(job(query));
  const coldMs = performance.now() - t0;
  const warm = await timeAsync(runs, async () => {
    last = await worker.run(job(query));
  }, 1);
  // After an event the KPIs of a period do not read (a sign-in): the previous year's notices and
  // backups are computed again; the incidents' figures stay kept (their days did not change).
  const afterChange = await timeAsync(runs, async () => {
    last = await worker.run(job(query));
  }, 0, () => appendEvent(db, { actor: 'alice', type: 'auth.login', ts: now, data: { user: 'alice', transport: 'ipc' } }));
  // After an incident of the year changes (its containment time corrected, as a responder would):
  // the year's figures are computed again from its columns, the changed day's rows read again.
  const edited = db.prepare(
    "SELECT ref, contained_at AS contained FROM incidents WHERE exercise = 0 AND detected_at >= '2026-06-01' AND contained_at > detected_at ORDER BY detected_at LIMIT 1",
  ).get() as { ref: string; contained: string };
  let k = 0;
  const afterIncidentChange = await timeAsync(runs, async () => {
    last = await worker.run(job(query));
  }, 0, () => {
    k++;
    updateIncident(db, 'alice', edited.ref, { containedAt: new Date(Date.parse(edited.contained) + (k % 2) * 60_000).toISOString() }, now, { reason: 'bench: time corrected' });
  });
  const peakMB = hwm();

  // computeKpis on this thread's own connection (nothing kept yet, then kept): what the job itself
  // costs, without the thread hop and the copy of the result.
  const library = loadRegimeLibrary(builtinNotifyDir(), dirname(file));
  computeKpis(db, library, query, now);
  const direct = await timeAsync(runs, () => Promise.resolve(computeKpis(db, library, query, now)));

  // The reference: the same median (time to contain, nearest rank) by one plain SQL query.
  const REFERENCE = `
    WITH d AS (
      SELECT unixepoch(contained_at, 'subsec') - unixepoch(detected_at, 'subsec') AS s FROM incidents
       WHERE exercise = 0 AND detected_at >= '2026-01-01' AND detected_at < '2027-01-01'
         AND contained_at IS NOT NULL AND unixepoch(contained_at, 'subsec') >= unixepoch(detected_at, 'subsec')),
    r AS (SELECT s, row_number() OVER (ORDER BY s) AS rn, count(*) OVER () AS n FROM d)
    SELECT s AS median, n FROM r WHERE rn = (n + 1) / 2`;
  let reference = { median: 0, n: 0 };
  const refRuns = await timeAsync(runs, () => {
    reference = db.prepare(REFERENCE).get() as { median: number; n: number };
    return Promise.resolve();
  }, 1);
  const contain = last.durations.find((d) => d.id === 'timeToContain')!.overall;
  process.stdout.write(`${JSON.stringify({
    threadStartMs, coldMs, warmMs: median(warm), warmRuns: warm.length, afterChangeMs: median(afterChange), afterChangeRuns: afterChange.length,
    afterIncidentChangeMs: median(afterIncidentChange), afterIncidentChangeRuns: afterIncidentChange.length, directMs: median(direct),
    referenceMs: median(refRuns), baselineMB, peakMB,
    incidents: last.incidents, containN: contain.n, containMedian: contain.median, referenceMedian: reference.median, referenceN: reference.n,
    assessed: last.notifications.assessedIncidents, slots: last.backups.scheduled, dataProblems: last.dataProblemCount, drills: last.drills.restore.n,
  })}\n`);
} finally {
  await worker.close();
  db.close();
}
