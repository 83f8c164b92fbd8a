import { appendEvent } from '../../main/timeline';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { createRandom, sampleEvent } from './sampleData';
import type { BenchContext } from './BenchContext';
import { fmtCount } from './stats';

export const BATCH = 1000;

/**
 * Issue target 1: 100k hash-chained events through appendEvent, 1,000 per transaction, into
 * SQLCipher and into plain SQLite in the same run. The ratio says what encryption costs.
 */
export function benchBulkAppend(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.bulkEvents;
  const rate: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  for (const flavour of FLAVOURS) {
    const db = openBenchDatabase(ctx.dir, flavour, 'bulk');
    try {
      const rnd = createRandom(1);
      const base = Date.UTC(2026, 0, 1);
      const t0 = performance.now();
      for (let done = 0; done < n; done += BATCH) {
        db.transaction(() => {
          for (let i = done; i < Math.min(n, done + BATCH); i += 1) {
            appendEvent(db, sampleEvent(rnd, i, new Date(base + i * 1000).toISOString()));
          }
        })();
      }
      rate[flavour] = n / ((performance.now() - t0) / 1000);
    } finally {
      db.close();
    }
    ctx.progress(`bulk append ${flavour}: ${Math.round(rate[flavour])} events/s`);
  }
  return [
    {
      id: '1',
      name: `bulk append ${fmtCount(n)} events (appendEvent, ${BATCH}/txn)`,
      unit: 'events/s',
      encrypted: rate.encrypted,
      plain: rate.plain,
      target: { subject: 'ratio', op: '>=', value: 0.5, label: 'SQLCipher/plain ≥ 0.5' },
    },
  ];
}
