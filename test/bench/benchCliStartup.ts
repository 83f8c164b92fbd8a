import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../../scripts/build-cli.mjs';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { median } from './stats';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin', 'firebreak.mjs');
const PASSPHRASE = 'Correct-Horse-42-battery';
/** The facts of a tabletop exercise: people in France and Texas, aware and determined the same morning. */
const FACTS = {
  personalData: true, dataCategories: ['contact'], riskToIndividuals: 'high', encrypted: false,
  affected: [{ jurisdiction: 'FR', count: 40 }, { jurisdiction: 'US-TX', count: 260 }],
  awareAt: '2026-03-13T10:00:00Z', determinedAt: '2026-03-13T10:00:00Z',
};

/** Median wall time of a whole process, in ms, after two runs that are not counted (disk cache). */
function processMs(args: string[], env: NodeJS.ProcessEnv, runs: number): number {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().split('\n')[0]}`);
    return ms;
  };
  once();
  once();
  return median(Array.from({ length: runs }, once));
}

/**
 * Bench 9 (issue #10): how long a CLI run takes as a whole process, next to `node -e ''` (the floor
 * every Node program pays) — the production bundle behind bin/firebreak.mjs, and the TypeScript
 * sources through tsx as the CLI ran before. Each figure is measured as this machine's environment
 * has it and, where NODE_EXTRA_CA_CERTS is set (Node then parses that certificate bundle at every
 * start), without it too.
 */
export async function benchCliStartup(ctx: BenchContext): Promise<BenchRow[]> {
  const runs = ctx.sizes.cliRuns;
  await buildCli();
  const facts = join(ctx.dir, 'facts.json');
  writeFileSync(facts, JSON.stringify(FACTS));
  const dataDir = join(ctx.dir, 'vault');
  mkdirSync(dataDir);
  const asIs: NodeJS.ProcessEnv = { ...process.env, FIREBREAK_PASSPHRASE: PASSPHRASE };
  const init = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, 'init', '--admin', 'alice'], { cwd: REPO, env: asIs });
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr.toString()}`);
  spawnSync(process.execPath, [BIN, '--data-dir', dataDir, 'incident', 'add', '--title', 'Bench', '--severity', 'SEV3', '--category', 'other'], { cwd: REPO, env: asIs });

  const caCerts = process.env.NODE_EXTRA_CA_CERTS;
  const { NODE_EXTRA_CA_CERTS: _dropped, ...withoutCa } = asIs;
  const envs: { label: string; env: NodeJS.ProcessEnv }[] = [{ label: '', env: asIs }];
  if (caCerts) envs.push({ label: ' (NODE_EXTRA_CA_CERTS unset)', env: withoutCa });

  const rows: BenchRow[] = [];
  for (const { label, env } of envs) {
    ctx.progress(`bench 9: node -e '' and firebreak --help${label}`);
    const floor = processMs(['-e', ''], env, runs);
    const suffix = label ? `${label}` : caCerts ? ' (as this machine runs Node)' : '';
    const note = `next to \`node -e ''\` (${floor.toFixed(0)} ms), the start of any Node program${caCerts && !label ? '; NODE_EXTRA_CA_CERTS is set here, which Node parses at every start' : ''}`;
    rows.push({
      id: label ? '9a′' : '9a', name: `firebreak --help, production bundle${suffix}`, unit: 'ms',
      encrypted: processMs([BIN, '--help'], env, runs), plain: floor,
      target: { subject: 'encrypted', op: '<', value: 150, label: '< 150 ms' }, note,
    });
    ctx.progress(`bench 9: notify assess --facts${label}`);
    rows.push({
      id: label ? '9b′' : '9b', name: `firebreak notify assess --facts F (no vault)${suffix}`, unit: 'ms',
      encrypted: processMs([BIN, '--data-dir', join(ctx.dir, 'none'), 'notify', 'assess', '--facts', facts], env, runs), plain: floor,
      target: { subject: 'encrypted', op: '<', value: 150, label: '< 150 ms' }, note: `the 32 regimes assessed, deadlines in each zone; ${note}`,
    });
    ctx.progress(`bench 9: incident list${label}`);
    rows.push({
      id: label ? '9c′' : '9c', name: `firebreak incident list (sign-in with scrypt 2^17)${suffix}`, unit: 'ms',
      encrypted: processMs([BIN, '--data-dir', dataDir, 'incident', 'list'], env, Math.max(3, Math.floor(runs / 2))), plain: floor,
      note: 'unlocking the vault derives the key with scrypt N=2^17 on purpose (ARCHITECTURE.md §3): most of this is that',
    });
  }
  ctx.progress('bench 9: the sources through tsx, as before the bundle');
  const fromSources = ['--import', 'tsx', '--input-type=module', '-e', "const { main } = await import('./main/cli/main.ts'); process.exitCode = await main(['--help']);"];
  rows.push({
    id: '9d', name: 'firebreak --help from the TypeScript sources through tsx (before the bundle)', unit: 'ms',
    encrypted: processMs(fromSources, asIs, Math.max(3, Math.floor(runs / 2))), plain: processMs(['-e', ''], asIs, runs),
    note: 'what every run cost before dist/cli: compiling the sources on each start',
  });
  return rows;
}
