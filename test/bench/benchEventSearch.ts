import { appendEvent, listEvents } from '../../main/timeline';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { createRandom, sampleEvent, SEARCH_TERMS } from './sampleData';
import { fmtCount, median, timeRuns } from './stats';

const BUILD_BATCH = 10_000;
const TERMS = [
  { id: '4a', kind: 'rare', text: SEARCH_TERMS.rare },
  { id: '4b', kind: 'medium', text: SEARCH_TERMS.medium },
  { id: '4c', kind: 'common', text: SEARCH_TERMS.common },
] as const;

/**
 * Issue target 4: full-text search over 1M events (listEvents with `text`: events_fts MATCH,
 * count + newest 50). The log is built by appendEvent itself, so the build time is also the
 * sustained append rate at that size, FTS indexing included.
 */
export function benchEventSearch(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.searchEvents;
  const buildS: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  const results: Record<string, Record<Flavour, { median: number; runs: number }>> = {};
  const hits: Record<string, number> = {};
  for (const flavour of FLAVOURS) {
    const db = openBenchDatabase(ctx.dir, flavour, 'search');
    try {
      const rnd = createRandom(4);
      const base = Date.UTC(2025, 0, 1);
      const t0 = performance.now();
      for (let done = 0; done < n; done += BUILD_BATCH) {
        db.transaction(() => {
          for (let i = done; i < Math.min(n, done + BUILD_BATCH); i += 1) {
            appendEvent(db, sampleEvent(rnd, i, new Date(base + i * 30_000).toISOString()));
          }
        })();
        if ((done / BUILD_BATCH) % 25 === 24) ctx.progress(`  ${flavour}: ${done + BUILD_BATCH} events`);
      }
      buildS[flavour] = (performance.now() - t0) / 1000;
      ctx.progress(`built ${n} events (${flavour}) in ${buildS[flavour].toFixed(1)} s`);
      for (const term of TERMS) {
        let total = 0;
        const samples = timeRuns(
          ctx.sizes.searchRuns,
          () => {
            total = listEvents(db, { text: term.text, offset: 0, limit: 50 }).total;
          },
          { warmup: 2, budgetMs: 8_000 },
        );
        (results[term.id] ??= { encrypted: { median: 0, runs: 0 }, plain: { median: 0, runs: 0 } })[flavour] = {
          median: median(samples),
          runs: samples.length,
        };
        hits[term.id] = total;
        ctx.progress(`search ${term.id} ${flavour}: median ${median(samples).toFixed(2)} ms of ${samples.length} (${total} hits)`);
      }
    } finally {
      db.close();
    }
  }
  return [
    {
      id: '4',
      name: `build a ${fmtCount(n)}-event log with appendEvent (${fmtCount(BUILD_BATCH)}/txn, FTS indexed)`,
      unit: 's',
      encrypted: buildS.encrypted,
      plain: buildS.plain,
    },
    ...TERMS.map((t): BenchRow => {
      const r = results[t.id]!;
      const runs = r.encrypted.runs === r.plain.runs ? `${r.encrypted.runs}` : `${r.encrypted.runs}/${r.plain.runs}`;
      return {
        id: t.id,
        name: `listEvents text "${t.text}" (${t.kind}: ${hits[t.id]} hits of ${fmtCount(n)}), median of ${runs}`,
        unit: 'ms',
        encrypted: r.encrypted.median,
        plain: r.plain.median,
        target: { subject: 'encrypted', op: '<', value: 50, label: '< 50 ms' },
      };
    }),
  ];
}
