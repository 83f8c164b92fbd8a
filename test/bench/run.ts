/**
 * `npm run bench` (`-- --quick` for a tenth of the sizes; `-- --only 1,3` for some of them).
 * Every figure comes from the project's real code on real files in a temporary directory:
 * SQLCipher as Firebreak opens it, next to the same code on plain SQLite as the reference.
 * Misses are reported, never turned into a failing exit code: this is a measurement, not a test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { FULL_SIZES, QUICK_SIZES, type BenchContext } from './BenchContext';
import { ratioOf, verdictOf, type BenchRow } from './BenchResult';
import { benchBackups } from './benchBackups';
import { benchBulkAppend } from './benchBulkAppend';
import { benchCliStartup } from './benchCliStartup';
import { benchCommitLatency } from './benchCommitLatency';
import { benchEventSearch } from './benchEventSearch';
import { benchFirstRender } from './benchFirstRender';
import { benchIncidentList } from './benchIncidentList';
import { benchNotify } from './benchNotify';
import { benchReports } from './benchReports';
import { benchKpis } from './benchKpis';
import { benchRunbooks } from './benchRunbooks';
import { formatTable } from './printTable';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface Bench {
  id: string;
  run(ctx: BenchContext): BenchRow[] | Promise<BenchRow[]>;
}
const BENCHES: Bench[] = [
  { id: '1', run: benchBulkAppend },
  { id: '2', run: benchCommitLatency },
  { id: '3', run: benchIncidentList },
  { id: '4', run: benchEventSearch },
  { id: '5', run: benchFirstRender },
  { id: '6', run: benchRunbooks },
  { id: '7', run: benchBackups },
  { id: '8', run: benchNotify },
  { id: '9', run: benchCliStartup },
  { id: '10', run: benchReports },
  { id: '11', run: benchKpis },
];

function parseArgs(argv: string[]): { quick: boolean; only: Set<string> | null } {
  let quick = false;
  let only: Set<string> | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg.includes('=') ? arg.slice('--only='.length) : argv[(i += 1)];
      only = new Set((list ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench [-- --quick] [-- --only 1,2,3,4,5,6,7,8,9,10,11]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument ${arg}\n`);
      process.exit(2);
    }
  }
  return { quick, only };
}

function environment(): Record<string, unknown> {
  const probe = new Database(':memory:');
  const sqlite = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const cipher = (probe.prepare('SELECT sqlite3mc_version() AS v').get() as { v: string }).v;
  probe.close();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1mAtStart: loadAtStart,
    sqlite,
    cipher,
    tmpdir: os.tmpdir(),
  };
}

const { quick, only } = parseArgs(process.argv.slice(2));
// Figures from a busy machine are not comparable: say so next to them.
const loadAtStart = os.loadavg()[0] ?? 0;
const sizes = quick ? QUICK_SIZES : FULL_SIZES;
const startedAt = new Date();
const t0 = performance.now();
const progress = (message: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

const rows: BenchRow[] = [];
const durations: Record<string, number> = {};
for (const bench of BENCHES) {
  if (only && !only.has(bench.id)) continue;
  const dir = mkdtempSync(join(os.tmpdir(), `firebreak-bench-${bench.id}-`));
  const started = performance.now();
  progress(`bench ${bench.id} in ${dir}`);
  try {
    rows.push(...(await bench.run({ dir, sizes, progress })));
  } catch (err) {
    // One broken bench must not hide the others' figures.
    progress(`bench ${bench.id} failed: ${(err as Error).stack ?? String(err)}`);
    const first = ((err as Error).message ?? String(err)).split('\n')[0]!.slice(0, 160);
    rows.push({ id: bench.id, name: `bench ${bench.id} failed: ${first}`, unit: '', encrypted: null, plain: null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  durations[bench.id] = (performance.now() - started) / 1000;
}
const totalS = (performance.now() - t0) / 1000;

const table = formatTable(rows);
const busy = loadAtStart > os.cpus().length * 0.5 ? ' — the machine was busy, figures are pessimistic' : '';
process.stdout.write(
  `\nFirebreak benchmarks${quick ? ' (--quick: 1/10 sizes)' : ''}, ${startedAt.toISOString()}, total ${totalS.toFixed(0)} s, ` +
    `${os.cpus().length} CPUs, load average at start ${loadAtStart.toFixed(2)}${busy}\n\n${table}\n`,
);

const outDir = join(REPO, 'bench-results');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'latest.json');
writeFileSync(
  outFile,
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      quick,
      sizes,
      environment: environment(),
      durationsSeconds: { ...durations, total: totalS },
      results: rows.map((r) => ({ ...r, ratio: ratioOf(r), verdict: verdictOf(r) })),
    },
    null,
    2,
  )}\n`,
);
process.stdout.write(`\nwritten to ${outFile}\n`);
