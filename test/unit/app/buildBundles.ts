import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..', '..');

/** Runs scripts/build-app.mjs into a fresh temp dir, so the test sees the current sources. */
export function buildBundles(): { dir: string; main: string; preload: string } {
  const out = mkdtempSync(join(tmpdir(), 'firebreak-bundles-'));
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-app.mjs'), '--outdir', out], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build-app failed:\n${result.stdout}\n${result.stderr}`);
  return { dir: out, main: join(out, 'app', 'main.cjs'), preload: join(out, 'preload', 'preload.cjs') };
}
