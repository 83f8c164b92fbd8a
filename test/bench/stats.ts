/** Nearest-rank percentile (p in 0..100) of samples; the samples are not modified. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/**
 * Runs fn `runs` times after `warmup` untimed runs; returns each run's wall time in ms. A slow
 * query stops early once `budgetMs` is spent (never before `minRuns`), so a miss by a wide
 * margin costs seconds, not minutes; the caller reports how many samples it got.
 */
export function timeRuns(runs: number, fn: () => void, opts: { warmup?: number; budgetMs?: number; minRuns?: number } = {}): number[] {
  const { warmup = 3, budgetMs = Number.POSITIVE_INFINITY, minRuns = 5 } = opts;
  for (let i = 0; i < warmup; i += 1) fn();
  const samples: number[] = [];
  let spent = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    samples.push(ms);
    spent += ms;
    if (spent > budgetMs && samples.length >= minRuns) break;
  }
  return samples;
}

/** 100000 → 100k, 1000000 → 1M: sizes in row names. */
export const fmtCount = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
