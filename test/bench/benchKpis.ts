import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase } from '../../main/store';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { seedKpiData } from './seedKpiData';
import { fmtCount } from './stats';

const WORKER = fileURLToPath(new URL('./kpiWorker.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface WorkerFigures {
  threadStartMs: number;
  coldMs: number;
  warmMs: number;
  warmRuns: number;
  afterChangeMs: number;
  afterChangeRuns: number;
  afterIncidentChangeMs: number;
  afterIncidentChangeRuns: number;
  directMs: number;
  referenceMs: number;
  baselineMB: number;
  peakMB: number | null;
  incidents: number;
  containN: number;
  containMedian: number | null;
  referenceMedian: number;
  referenceN: number;
  assessed: number;
  slots: number;
  dataProblems: number;
  drills: number;
}

/**
 * Issue 12 target: a year's KPI dashboard (kpis.get: a `kpis` job on the report worker thread,
 * computeKpis for 2026 with the previous year for the trend) over 100k incidents and a 1M-event
 * log, < 300 ms, with peak memory. Seeded on SQLCipher as Firebreak opens it; measured in a child
 * process (its own memory); the reference is the same median by one plain SQL window query on the
 * same file.
 */
export function benchKpis(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.kpiIncidents;
  const events = ctx.sizes.kpiEvents;
  const file = join(ctx.dir, 'kpis.db');
  const key = randomBytes(32).toString('hex');
  const db = openDatabase(file, key);
  let seed;
  try {
    migrate(db);
    seed = seedKpiData(db, ctx.dir, n, events, (m) => ctx.progress(m));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const out = execFileSync(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify({ file, key, runs: 15 })], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: REPO,
  });
  const f = JSON.parse(out.trim().split('\n').at(-1)!) as WorkerFigures;
  // The reference subtracts floating-point epoch seconds; the KPIs whole milliseconds: equal to the millisecond.
  if (f.containMedian === null || Math.abs(f.referenceMedian - f.containMedian) >= 0.001 || f.referenceN !== f.containN) {
    throw new Error(`the KPI median of time to contain (${f.containMedian}, n=${f.containN}) differs from the plain SQL one (${f.referenceMedian}, n=${f.referenceN})`);
  }
  ctx.progress(`kpis: cold ${f.coldMs.toFixed(0)} ms, warm ${f.warmMs.toFixed(0)} ms, after a sign-in ${f.afterChangeMs.toFixed(0)} ms, after an edit ${f.afterIncidentChangeMs.toFixed(0)} ms, reference ${f.referenceMs.toFixed(1)} ms, peak ${f.peakMB?.toFixed(0) ?? 'n/a'} MB`);
  const scope = `${fmtCount(n)} incidents, ${fmtCount(seed.events)} events; 2026: ${f.incidents.toLocaleString('en-US')} incidents in scope, ${f.assessed} assessed for notices, ${f.slots.toLocaleString('en-US')} backup slots, ${f.drills} drills, ${f.dataProblems} data problems`;
  const timed = `median of ${f.warmRuns}`;
  return [
    {
      id: '11a', name: `KPIs for a year (kpis.get on the report worker; nothing changed since the last call), warm, ${timed} (${scope})`, unit: 'ms',
      encrypted: f.warmMs, plain: f.referenceMs,
      target: { subject: 'encrypted', op: '<', value: 300, label: '< 300 ms' },
      note: `reference: the median time to contain alone by one plain SQL window query on the same file (same figure: ${f.containMedian} s, n=${f.containN})`,
    },
    {
      id: '11a′', name: `KPIs for a year right after a sign-in was logged (another connection wrote: the worker's page cache starts empty), median of ${f.afterChangeRuns}`, unit: 'ms',
      encrypted: f.afterChangeMs, plain: f.referenceMs,
      target: { subject: 'encrypted', op: '<', value: 300, label: '< 300 ms' },
      note: 'each run appends one event first (untimed); the figures of incidents, notices and backups are kept, as nothing they are read from changed',
    },
    {
      id: '11a″', name: `KPIs for a year right after an incident of the year was edited (its containment time corrected), median of ${f.afterIncidentChangeRuns}`, unit: 'ms',
      encrypted: f.afterIncidentChangeMs, plain: f.referenceMs,
      target: { subject: 'encrypted', op: '<', value: 300, label: '< 300 ms' },
      note: 'each run edits first (untimed): the year\'s duration figures are computed again, the changed day\'s rows read again and spliced into the kept columns',
    },
    {
      id: '11b', name: 'KPIs for a year, cold (first call on the worker\'s connection: every breach assessed against every regime, every row read)', unit: 'ms',
      encrypted: f.coldMs, plain: null, note: `informational; starting the worker thread from the TypeScript sources took ${f.threadStartMs.toFixed(0)} ms before it`,
    },
    {
      id: '11b′', name: `computeKpis alone on the calling thread's connection, warm, median of ${f.warmRuns} (no thread hop, no copy of the result)`, unit: 'ms',
      encrypted: f.directMs, plain: null, note: 'informational: what the job itself costs',
    },
    {
      id: '11c', name: 'KPIs for a year: peak RSS of the KPI work (VmHWM after a reset, cold and warm runs, both threads)', unit: 'MB',
      encrypted: f.peakMB, plain: f.baselineMB, note: 'plain column: the child process before the work (Node, tsx, SQLCipher, the rule library, the worker thread started)',
    },
    { id: '11d', name: `seeding ${fmtCount(n)} incidents and a ${fmtCount(seed.events)}-event log (appendEvent) — informational`, unit: 's', encrypted: seed.seconds, plain: null },
  ];
}
