import { appendEvent } from '../../main/timeline';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { createRandom, sampleEvent } from './sampleData';
import { percentile } from './stats';

/**
 * Issue target 2: one appendEvent per transaction (its own BEGIN IMMEDIATE … COMMIT), WAL with
 * synchronous=FULL, so every sample includes the WAL fsync that makes the entry durable.
 */
export function benchCommitLatency(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.latencySamples;
  const p50: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  const p99: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  for (const flavour of FLAVOURS) {
    const db = openBenchDatabase(ctx.dir, flavour, 'latency');
    try {
      const rnd = createRandom(2);
      for (let i = 0; i < 50; i += 1) appendEvent(db, sampleEvent(rnd, i, new Date().toISOString()));
      const samples: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const event = sampleEvent(rnd, i, new Date().toISOString());
        const t0 = performance.now();
        appendEvent(db, event);
        samples.push(performance.now() - t0);
      }
      p50[flavour] = percentile(samples, 50);
      p99[flavour] = percentile(samples, 99);
    } finally {
      db.close();
    }
    ctx.progress(`commit latency ${flavour}: p50 ${p50[flavour].toFixed(2)} ms, p99 ${p99[flavour].toFixed(2)} ms`);
  }
  const name = (p: string) => `single committed event, ${p} of ${n} (WAL, synchronous=FULL)`;
  return [
    { id: '2a', name: name('p50'), unit: 'ms', encrypted: p50.encrypted, plain: p50.plain },
    {
      id: '2b', name: name('p99'), unit: 'ms', encrypted: p99.encrypted, plain: p99.plain,
      target: { subject: 'encrypted', op: '<', value: 5, label: 'p99 < 5 ms' },
    },
  ];
}
