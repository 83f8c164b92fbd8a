/**
 * Bench 11's measurement, in a process of its own so that its peak memory is the KPI code's and
 * not the seeding's: opens the seeded database, computes a year's dashboard cold (nothing cached)
 * and warm, the reference query next to it, and prints the figures as one JSON line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { computeKpis } from '../../main/kpis';
import { builtinNotifyDir, loadRegimeLibrary } from '../../main/notify';
import { openDatabase } from '../../main/store';
import { appendEvent } from '../../main/timeline';
import { median, timeRuns } from './stats';

const { file, key, runs } = JSON.parse(process.argv[2] ?? '{}') as { file: string; key: string; runs: number };
const db = openDatabase(file, key);
const library = loadRegimeLibrary(builtinNotifyDir(), null);
const query = { from: '2026-01-01', to: '2026-12-31', includeExercises: false };
const now = '2027-01-15T00:00:00.000Z';

const hwm = (): number | null => {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
};
const baselineMB = process.memoryUsage().rss / 2 ** 20;
try {
  // Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0): the peak read below is the KPI work's.
  writeFileSync('/proc/self/clear_refs', '5');
} catch {
  /* not Linux: the figure is the process's peak */
}
const t0 = performance.now();
const first = computeKpis(db, library, query, now);
const coldMs = performance.now() - t0;
let last = first;
const warm = timeRuns(runs, () => {
  last = computeKpis(db, library, query, now);
}, { warmup: 1 });
// After any change to the log (here a sign-in), the previous year's headline is computed again;
// the notices of incidents the change did not touch stay assessed.
const afterChange = timeRuns(runs, () => {
  appendEvent(db, { actor: 'alice', type: 'auth.login', ts: now, data: { user: 'alice', transport: 'ipc' } });
  last = computeKpis(db, library, query, now);
}, { warmup: 0 });
const peakMB = hwm();

// The reference: the same median (time to contain, nearest rank) by one plain SQL query.
const REFERENCE = `
  WITH d AS (
    SELECT unixepoch(contained_at, 'subsec') - unixepoch(detected_at, 'subsec') AS s FROM incidents
     WHERE exercise = 0 AND detected_at >= '2026-01-01' AND detected_at < '2027-01-01'
       AND contained_at IS NOT NULL AND unixepoch(contained_at, 'subsec') >= unixepoch(detected_at, 'subsec')),
  r AS (SELECT s, row_number() OVER (ORDER BY s) AS rn, count(*) OVER () AS n FROM d)
  SELECT s AS median, n FROM r WHERE rn = (n + 1) / 2`;
let reference = { median: 0, n: 0 };
const refRuns = timeRuns(runs, () => {
  reference = db.prepare(REFERENCE).get() as { median: number; n: number };
}, { warmup: 1 });
const contain = last.durations.find((d) => d.id === 'timeToContain')!.overall;
process.stdout.write(`${JSON.stringify({
  coldMs, warmMs: median(warm), warmRuns: warm.length, afterChangeMs: median(afterChange), afterChangeRuns: afterChange.length, referenceMs: median(refRuns), baselineMB, peakMB,
  incidents: last.incidents, containN: contain.n, containMedian: contain.median, referenceMedian: reference.median, referenceN: reference.n,
  assessed: last.notifications.assessedIncidents, slots: last.backups.scheduled, dataProblems: last.dataProblemCount, drills: last.drills.restore.n,
})}\n`);
db.close();
