import { appendEvent } from '../../main/timeline';
import type { Db } from '../../main/store';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { createRandom, sampleEvent } from './sampleData';
import { percentile } from './stats';

/**
 * Issue target 2: one appendEvent per transaction (its own BEGIN IMMEDIATE … COMMIT), WAL with
 * synchronous=FULL, so every sample includes the WAL fsync that makes the entry durable. The
 * flavours take turns sample by sample, so a busy spell on the machine lands in both.
 */
export function benchCommitLatency(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.latencySamples;
  const samples: Record<Flavour, number[]> = { encrypted: [], plain: [] };
  const dbs = {} as Record<Flavour, Db>;
  try {
    for (const flavour of FLAVOURS) dbs[flavour] = openBenchDatabase(ctx.dir, flavour, 'latency');
    const rnd: Record<Flavour, () => number> = { encrypted: createRandom(2), plain: createRandom(2) };
    for (const flavour of FLAVOURS) {
      for (let i = 0; i < 50; i += 1) appendEvent(dbs[flavour], sampleEvent(rnd[flavour], i, new Date().toISOString()));
    }
    for (let i = 0; i < n; i += 1) {
      for (const flavour of i % 2 === 0 ? FLAVOURS : [...FLAVOURS].reverse()) {
        const event = sampleEvent(rnd[flavour], i, new Date().toISOString());
        const t0 = performance.now();
        appendEvent(dbs[flavour], event);
        samples[flavour].push(performance.now() - t0);
      }
    }
  } finally {
    for (const db of Object.values(dbs)) db.close();
  }
  const p50 = (f: Flavour) => percentile(samples[f], 50);
  const p99 = (f: Flavour) => percentile(samples[f], 99);
  for (const f of FLAVOURS) ctx.progress(`commit latency ${f}: p50 ${p50(f).toFixed(2)} ms, p99 ${p99(f).toFixed(2)} ms`);
  const name = (p: string) => `single committed event, ${p} of ${n} (WAL, synchronous=FULL; flavours alternating)`;
  return [
    { id: '2a', name: name('p50'), unit: 'ms', encrypted: p50('encrypted'), plain: p50('plain') },
    {
      id: '2b', name: name('p99'), unit: 'ms', encrypted: p99('encrypted'), plain: p99('plain'),
      target: { subject: 'encrypted', op: '<', value: 5, label: 'p99 < 5 ms' },
    },
  ];
}
