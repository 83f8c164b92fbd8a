import { listIncidents, type IncidentQuery } from '../../main/incidents';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { createIncidentRate, SEED_METHOD, seedIncidents } from './seedIncidents';
import { fmtCount, median, timeRuns } from './stats';

const byUpdated = { field: 'updatedAt', dir: 'desc' } as const;
const QUERIES: { id: string; label: string; query: IncidentQuery }[] = [
  {
    id: '3a',
    label: 'status∈{triaged,contained,eradicated} ∧ severity∈{SEV1,SEV2}, updatedAt desc',
    query: { status: ['triaged', 'contained', 'eradicated'], severity: ['SEV1', 'SEV2'], sort: byUpdated, offset: 0, limit: 50 },
  },
  { id: '3b', label: 'text "ransom" (trigram FTS), updatedAt desc', query: { text: 'ransom', sort: byUpdated, offset: 0, limit: 50 } },
  { id: '3c', label: 'no filter, updatedAt desc (the list as it opens)', query: { sort: byUpdated, offset: 0, limit: 50 } },
  {
    id: '3d',
    label: 'category=ransomware ∧ severity=SEV1 ∧ status=triaged (narrow: matches sorted), updatedAt desc',
    query: { category: ['ransomware'], severity: ['SEV1'], status: ['triaged'], sort: byUpdated, offset: 0, limit: 50 },
  },
];
/**
 * What-if, informational: SQLite's default page cache (2 MiB, `cache_size = -2000`), which the
 * app used before it set 64 MiB in openDatabase. Shows how much of 3a/3b the cache still buys.
 */
const SMALL_CACHE_KIB = 2000;
const SMALL = (id: string): string => `${id}-2M`;

type Figures = Record<Flavour, number>;

/** Issue target 3: a page of 50 from 100k incidents through listIncidents (count + page). */
export function benchIncidentList(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.incidents;
  const createRate: Figures = { encrypted: 0, plain: 0 };
  const seedMs: Figures = { encrypted: 0, plain: 0 };
  const medians: Record<string, Figures> = {};
  const runs: Record<string, number[]> = {};
  const totals: Record<string, number> = {};
  const measure = (db: Parameters<typeof listIncidents>[0], flavour: Flavour, id: string, query: IncidentQuery) => {
    let total = 0;
    const samples = timeRuns(
      ctx.sizes.listRuns,
      () => {
        const page = listIncidents(db, query);
        total = page.total;
        if (page.rows.length !== Math.min(50, page.total)) throw new Error(`${id}: short page`);
      },
      { budgetMs: 15_000, minRuns: 10 },
    );
    (medians[id] ??= { encrypted: 0, plain: 0 })[flavour] = median(samples);
    (runs[id] ??= []).push(samples.length);
    totals[id] = total;
    ctx.progress(`list ${id} ${flavour}: median ${median(samples).toFixed(2)} ms of ${samples.length} (${total} match)`);
  };

  const runsOf = (id: string): string => [...new Set(runs[id])].join('/');

  for (const flavour of FLAVOURS) {
    const scratch = openBenchDatabase(ctx.dir, flavour, 'create');
    try {
      createRate[flavour] = createIncidentRate(scratch, ctx.sizes.createIncidents);
    } finally {
      scratch.close();
    }
    const db = openBenchDatabase(ctx.dir, flavour, 'incidents');
    try {
      seedMs[flavour] = seedIncidents(db, n);
      ctx.progress(`createIncident ${flavour}: ${Math.round(createRate[flavour])}/s; seeded ${n} in ${(seedMs[flavour] / 1000).toFixed(1)} s`);
      for (const q of QUERIES) measure(db, flavour, q.id, q.query);
      db.pragma(`cache_size = -${SMALL_CACHE_KIB}`);
      for (const q of QUERIES.slice(0, 2)) measure(db, flavour, SMALL(q.id), q.query);
    } finally {
      db.close();
    }
  }
  return [
    {
      id: '3',
      name: `createIncident, ${fmtCount(ctx.sizes.createIncidents)} incidents (1000/txn; insert, FTS row, incident.created event)`,
      unit: 'incidents/s',
      encrypted: createRate.encrypted,
      plain: createRate.plain,
      note: `the ${fmtCount(n)} listed incidents are seeded by ${SEED_METHOD}, statuses and severities spread (seeding took ${(seedMs.encrypted / 1000).toFixed(1)} s encrypted)`,
    },
    ...QUERIES.map(
      (q): BenchRow => ({
        id: q.id,
        name: `listIncidents page 50 of ${fmtCount(n)}: ${q.label} [${totals[q.id]} match], median of ${runsOf(q.id)}`,
        unit: 'ms',
        encrypted: medians[q.id]!.encrypted,
        plain: medians[q.id]!.plain,
        target: { subject: 'encrypted', op: '<', value: 10, label: '< 10 ms' },
      }),
    ),
    ...QUERIES.slice(0, 2).map(
      (q): BenchRow => ({
        id: SMALL(q.id),
        name: `what-if, informational: ${q.id} with SQLite's default 2 MiB page cache (cache_size = -${SMALL_CACHE_KIB}; the app sets 64 MiB), median of ${runsOf(SMALL(q.id))}`,
        unit: 'ms',
        encrypted: medians[SMALL(q.id)]!.encrypted,
        plain: medians[SMALL(q.id)]!.plain,
      }),
    ),
  ];
}
