import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRealCli as runCli } from './runCli';

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-usage-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// bin/firebreak.mjs itself: help and usage errors come from the production bundle.
// Each test has its own (never created) data directory: they run side by side.
describe.concurrent('firebreak CLI usage', () => {
  it('--help lists every command and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['init', 'user add', 'incident add', 'incident list', 'incident show', 'incident edit', 'incident note', 'incident status',
      'evidence add', 'evidence export', 'log verify', 'runbook list', 'runbook lint', 'runbook start', 'runbook status', 'runbook step',
      'vault export-key', 'serve']) {
      expect(run.stdout).toContain(`  ${command}`);
    }
    expect(run.stdout).toMatch(/Exit codes: 0 ok, 1 error, 2 usage error, 3 authentication failed, 4 integrity failure/);
  });

  it('has help per command and per group', async () => {
    const command = await runCli(['incident', 'add', '--help']);
    expect(command.code).toBe(0);
    expect(command.stdout).toMatch(/^Usage: firebreak incident add --title TEXT --severity SEV --category CATEGORY \[--owner USER\]/);
    const viaHelp = await runCli(['help', 'incident', 'add']);
    expect(viaHelp.stdout).toBe(command.stdout);
    const group = await runCli(['evidence', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('evidence export REF ID');
  });

  it.each([
    [['incident', 'list', '--bogus'], /unknown option --bogus/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['incident', 'frobnicate'], /unknown command "incident frobnicate"/],
    [['incident'], /incident needs a subcommand/],
    [[], /missing command/],
    [['incident', 'add', '--title', 'Something'], /needs --severity/],
    [['incident', 'show'], /incident show takes REF/],
    [['incident', 'status', 'IR-2026-0001'], /takes REF STATUS/],
    [['incident', 'note', 'IR-2026-0001', '--text'], /--text needs a value/],
    [['log', 'verify', 'extra'], /takes no arguments/],
    [['serve', '--port', 'http'], /--port must be a number/],
    [['serve', '--host', '0.0.0.0'], /only listens on the loopback address 127\.0\.0\.1/],
  ])('exits 2 for %j', async (args, message) => {
    const run = await runCli(['--data-dir', join(tmp, 'none'), ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^firebreak: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
  });

  it('exits 1 without touching the disk when the data directory has no vault', async () => {
    const missing = join(tmp, 'nothing-here');
    const run = await runCli(['--data-dir', missing, 'incident', 'list'], { FIREBREAK_PASSPHRASE: 'whatever-it-is-1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^firebreak: no vault in .*firebreak init/);
    expect(existsSync(missing)).toBe(false);
  });

  it('takes the data directory from FIREBREAK_HOME', async () => {
    const home = join(tmp, 'home-from-env');
    const run = await runCli(['incident', 'list'], { FIREBREAK_HOME: home, FIREBREAK_PASSPHRASE: 'whatever-it-is-1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(home);
  });
});
