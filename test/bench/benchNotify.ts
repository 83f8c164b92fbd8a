import { fileURLToPath } from 'node:url';
import { breachFactsSchema, type BreachFacts } from '../../contract';
import { assessRegimes, evaluateCondition, loadRegimeLibrary } from '../../main/notify';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { fmtCount, percentile } from './stats';

const NOTIFY = fileURLToPath(new URL('../../main/notify', import.meta.url));
const PLACES = ['DE', 'FR', 'IE', 'GB', 'US-CA', 'US-TX', 'US-NY', 'US-FL', 'US-WA', 'US-CO', 'SG', 'AU', 'CA', 'BR', 'IN', 'US'];
const CATEGORIES = ['contact', 'financial', 'health', 'credentials', 'government-id'] as const;

/** A deterministic generator (mulberry32): the same 10,000 breaches on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Breaches of every shape: places and counts, known and unknown facts, times across 2026–2027 (DST and holidays included). */
function makeFacts(n: number): BreachFacts[] {
  const r = random(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const maybe = <T>(v: T): T | null => (r() < 0.25 ? null : v);
  const out: BreachFacts[] = [];
  for (let i = 0; i < n; i++) {
    const t = Date.UTC(2026, 0, 1) + Math.floor(r() * 700 * 86_400_000);
    const at = (h: number) => new Date(t + h * 3_600_000).toISOString();
    const places = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(PLACES)))];
    out.push(breachFactsSchema.parse({
      personalData: maybe(r() < 0.9),
      dataCategories: [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(CATEGORIES)))],
      affected: places.map((jurisdiction) => ({ jurisdiction, count: Math.floor(r() ** 3 * 5000) })),
      establishedIn: [pick(['DE', 'US-NY', 'GB', 'SG', 'AU'])],
      discoveredAt: maybe(at(0)), awareAt: maybe(at(2)), determinedAt: maybe(at(5)), classifiedMajorAt: maybe(at(6)), materialityDeterminedAt: maybe(at(30)),
      encrypted: maybe(r() < 0.3), keyCompromised: maybe(r() < 0.2), riskToIndividuals: maybe(pick(['unlikely', 'risk', 'high'] as const)), significantHarm: maybe(r() < 0.5),
      hipaaCoveredEntity: maybe(r() < 0.2), secRegistrant: maybe(r() < 0.3), materialIncident: maybe(r() < 0.3), nis2Entity: maybe(pick(['essential', 'important', 'none'] as const)),
      significantIncident: maybe(r() < 0.4), doraFinancialEntity: maybe(r() < 0.2), majorIctIncident: maybe(r() < 0.3), nydfsCoveredEntity: maybe(r() < 0.1), appEntity: maybe(r() < 0.5),
    }));
  }
  return out;
}

/**
 * Issue #5's engine figure. 8a: 10,000 breaches' facts assessed against every shipped regime
 * (scope, thresholds, exemptions, every stage's deadline in its zone with business days and
 * holidays), one at a time as the API does; reference: the same regimes' conditions alone, no
 * deadline arithmetic, to show what the clocks cost.
 */
export function benchNotify(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.assessments;
  const library = loadRegimeLibrary(NOTIFY, null);
  const all = makeFacts(n);
  const now = '2026-11-22T12:00:00.000Z';
  const samples: number[] = [];
  let stages = 0;
  const t0 = performance.now();
  for (const facts of all) {
    const s = performance.now();
    const a = assessRegimes(library, facts, now);
    samples.push(performance.now() - s);
    for (const r of a.regimes) stages += r.stages.length;
  }
  const fullMs = performance.now() - t0;
  const t1 = performance.now();
  for (const facts of all) for (const r of library.regimes) for (const rule of [r.applies, ...r.thresholds, ...r.exemptions]) evaluateCondition(rule.when, facts);
  const conditionsMs = performance.now() - t1;
  ctx.progress(`notify: ${n} assessments × ${library.regimes.length} regimes in ${fullMs.toFixed(0)} ms (${stages} deadlines); conditions alone ${conditionsMs.toFixed(0)} ms`);
  return [
    {
      id: '8a',
      name: `assess ${fmtCount(n)} breaches × ${library.regimes.length} regimes (assessRegimes; reference: conditions only, no clocks)`,
      unit: 'assessments/s',
      encrypted: n / (fullMs / 1000),
      plain: n / (conditionsMs / 1000),
      note: `p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms per assessment; ${fmtCount(stages)} deadlines computed`,
    },
  ];
}
