import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { runCli } from './runCli';

/**
 * The in-process runner stands in for a spawned `firebreak` in the CLI test files that run many
 * commands: it must print, exit and read its environment as the spawned tests' bundle does.
 */
let tmp: string;
let dataDir: string;
const PASSPHRASE = 'Correct-Horse-42-battery';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-inprocess-'));
  dataDir = join(tmp, 'data');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.sequential('runCliInProcess', () => {
  it('gives the same exit code, stdout and stderr as the spawned bundle', { timeout: 60_000 }, async () => {
    const env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
    expect((await runCliInProcess(['--data-dir', dataDir, 'init', '--admin', 'alice'], env)).code).toBe(0);
    for (const args of [
      ['--version'],
      ['incident', 'add', '--help'],
      ['incident', 'list', '--bogus'],
      ['--data-dir', dataDir, 'incident', 'list'],
      ['--data-dir', dataDir, 'incident', 'show', 'IR-2026-0042'],
      ['--data-dir', join(tmp, 'no-such-dir'), 'incident', 'list'],
    ]) {
      const [inProcess, spawned] = [await runCliInProcess(args, env), await runCli(args, env)];
      expect(inProcess, args.join(' ')).toEqual(spawned);
    }
    expect((await runCliInProcess(['--data-dir', dataDir, 'incident', 'show', 'IR-2026-0042'], env)).code).toBe(1);
  });

  it('ignores FIREBREAK_* variables of the calling process and puts the environment back', async () => {
    process.env.FIREBREAK_PASSPHRASE = PASSPHRASE;
    try {
      const run = await runCliInProcess(['--data-dir', dataDir, 'incident', 'list']);
      expect(run).toEqual({ code: 3, stdout: '', stderr: 'firebreak: no passphrase: use --passphrase-file FILE or FIREBREAK_PASSPHRASE, or run in a terminal\n' });
      expect(process.env.FIREBREAK_PASSPHRASE).toBe(PASSPHRASE);
      expect((await runCliInProcess(['--data-dir', dataDir, 'incident', 'list'], { FIREBREAK_PASSPHRASE: PASSPHRASE })).stdout).toBe('No incidents.\n');
      expect(process.env.FIREBREAK_PASSPHRASE).toBe(PASSPHRASE);
    } finally {
      delete process.env.FIREBREAK_PASSPHRASE;
    }
  });

  it('runs one command at a time, each with its own output, and restores stdout and stderr', async () => {
    const writes = [Object.getOwnPropertyDescriptor(process.stdout, 'write'), Object.getOwnPropertyDescriptor(process.stderr, 'write')];
    const runs = await Promise.all([
      runCliInProcess(['--version']),
      runCliInProcess(['--data-dir', dataDir, 'incident', 'list'], { FIREBREAK_PASSPHRASE: PASSPHRASE }),
      runCliInProcess(['frobnicate']),
    ]);
    expect(runs.map((r) => [r.code, r.stdout === '' ? '' : r.stdout.split(' ')[0], r.stderr])).toEqual([
      [0, 'firebreak', ''],
      [0, 'No', ''],
      [2, '', expect.stringMatching(/^firebreak: unknown command "frobnicate"/) as string],
    ]);
    expect([Object.getOwnPropertyDescriptor(process.stdout, 'write'), Object.getOwnPropertyDescriptor(process.stderr, 'write')]).toEqual(writes);
  });
});
