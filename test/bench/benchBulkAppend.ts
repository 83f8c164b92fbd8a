import { appendEvent } from '../../main/timeline';
import type { Db } from '../../main/store';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { createRandom, sampleEvent } from './sampleData';
import type { BenchContext } from './BenchContext';
import { fmtCount } from './stats';

export const BATCH = 1000;

/**
 * Issue target 1: 100k hash-chained events through appendEvent, 1,000 per transaction, into
 * SQLCipher and into plain SQLite in the same run. The ratio says what encryption costs.
 *
 * The two databases are filled transaction by transaction in turn (alternating which goes
 * first), each timed on its own: on a shared machine a burst of other work then slows both
 * flavours alike instead of whichever happened to be running, which made the ratio swing
 * between 0.3 and 1.7 when the flavours ran one after the other.
 */
export function benchBulkAppend(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.bulkEvents;
  const spentMs: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  const dbs = {} as Record<Flavour, Db>;
  try {
    for (const flavour of FLAVOURS) dbs[flavour] = openBenchDatabase(ctx.dir, flavour, 'bulk');
    const rnd: Record<Flavour, () => number> = { encrypted: createRandom(1), plain: createRandom(1) };
    const base = Date.UTC(2026, 0, 1);
    for (let done = 0, turn = 0; done < n; done += BATCH, turn += 1) {
      const order = turn % 2 === 0 ? FLAVOURS : [...FLAVOURS].reverse();
      for (const flavour of order) {
        const db = dbs[flavour];
        const t0 = performance.now();
        db.transaction(() => {
          for (let i = done; i < Math.min(n, done + BATCH); i += 1) {
            appendEvent(db, sampleEvent(rnd[flavour], i, new Date(base + i * 1000).toISOString()));
          }
        })();
        spentMs[flavour] += performance.now() - t0;
      }
    }
  } finally {
    for (const db of Object.values(dbs)) db.close();
  }
  const rate = (flavour: Flavour) => n / (spentMs[flavour] / 1000);
  for (const flavour of FLAVOURS) ctx.progress(`bulk append ${flavour}: ${Math.round(rate(flavour))} events/s`);
  return [
    {
      id: '1',
      name: `bulk append ${fmtCount(n)} events (appendEvent, ${BATCH}/txn; flavours interleaved by transaction)`,
      unit: 'events/s',
      encrypted: rate('encrypted'),
      plain: rate('plain'),
      target: { subject: 'ratio', op: '>=', value: 0.5, label: 'SQLCipher/plain ≥ 0.5' },
    },
  ];
}
