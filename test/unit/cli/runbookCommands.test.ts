import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunbookLintFile, RunbookSummary } from '../../../contract';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { REPO_ROOT, runCli, type RunAs } from './runCli';

/**
 * Real backend. `runbook lint FILE…` and `runbook list` run in this process (runCliInProcess: the
 * CLI's main() without a Node start each); `runbook lint DIR` as spawned processes (the tests'
 * bundle: low scrypt cost for the vaults it creates), one of them as another user.
 */
const SLOW = 90_000;
const PASSPHRASE = 'Correct-Horse-42-battery';
const BROKEN = 'test/fixtures/runbooks/broken';

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-runbook-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('firebreak runbook lint', () => {
  it('exits 0 on valid files, without a vault, and creates no data directory', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'never-created');
    const run = await runCliInProcess(['--data-dir', dataDir, 'runbook', 'lint', 'runbooks/ransomware.yaml']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('1 runbook file(s) OK\n');
    expect(run.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 1 and prints every problem as file:line:col: message', { timeout: SLOW }, async () => {
    const files = [`${BROKEN}/multiple-problems.yaml`, 'runbooks/ransomware.yaml', `${BROKEN}/branch-missing.yaml`];
    const run = await runCliInProcess(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', ...files]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      `${BROKEN}/multiple-problems.yaml:12:5: missing required field "title" in step "isolate"`,
      `${BROKEN}/multiple-problems.yaml:14:5: unknown key "tittle" in step "isolate"`,
      `${BROKEN}/multiple-problems.yaml:17:11: "kind" must be one of task, checklist, input, decision, timer, approval, evidence, notify, command, not "chore" in step "isolate"`,
      `${BROKEN}/branch-missing.yaml:24:16: answer "yes" of step "decide" goes to unknown step "reconnect"`,
      '',
    ]);
    expect(run.stderr).toBe('4 problem(s) in 2 of 3 file(s)\n');
  });

  it('--json prints one result per file', { timeout: SLOW }, async () => {
    const run = await runCliInProcess(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', '--json', 'runbooks/ransomware.yaml', `${BROKEN}/yaml-tab-indent.yaml`]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as RunbookLintFile[];
    expect(out[0]).toMatchObject({ name: 'runbooks/ransomware.yaml', ok: true, id: 'ransomware', version: '1.0.0', problems: [] });
    expect(out[1]).toMatchObject({ ok: false, id: null, problems: [`${BROKEN}/yaml-tab-indent.yaml:8:1: YAML: Tabs are not allowed as indentation`] });
  });

  it('usage errors exit 2; an unreadable file exits 1', { timeout: SLOW }, async () => {
    const none = await runCliInProcess(['--data-dir', join(tmp, 'none'), 'runbook', 'lint']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^firebreak: runbook lint takes PATH…, got none/);
    const missing = await runCliInProcess(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', join(tmp, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`firebreak: cannot read ${join(tmp, 'nope.yaml')}: no such file or directory\n`);
  });
});

/** A small valid runbook with its own id. */
const tiny = (id: string): string => `format: 1
id: ${id}
title: Tiny ${id}
version: 1.0.0
summary: A one-step runbook for the lint tests.
appliesTo: { categories: [other], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: only, kind: task, title: The only step, phase: { csf: Detect, picerl: Identification } }
`;

/** Runs the CLI as nobody when the tests run as root (root reads any file, whatever its mode). */
const asReader = (): RunAs | undefined => (process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined);

describe('firebreak runbook lint DIR', () => {
  const lint = (args: string[], as?: RunAs) => runCli(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', ...args], {}, as);

  it('checks a directory\'s *.yaml and *.yml files, sorted, without subdirectories, like the app loads a folder', { timeout: SLOW }, async () => {
    const dir = join(tmp, 'folder');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    mkdirSync(join(dir, 'looks-like.yaml'));
    writeFileSync(join(dir, 'b.yaml'), tiny('bee'));
    writeFileSync(join(dir, 'a.YML'), 'format: 1\nid: ay\ntittle: y\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a runbook');
    writeFileSync(join(dir, 'nested', 'deep.yaml'), 'broken: [');
    const run = await lint([dir]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter(Boolean).every((l) => l.startsWith(`${join(dir, 'a.YML')}:`))).toBe(true);
    expect(run.stdout).toContain(`${join(dir, 'a.YML')}:3:1: unknown key "tittle"`);
    expect(run.stderr).toMatch(/^\d+ problem\(s\) in 1 of 2 file\(s\)\n$/);

    const json = await lint(['--json', dir, join(dir, 'b.yaml')]);
    const results = JSON.parse(json.stdout) as RunbookLintFile[];
    // Sorted by name (upper case first, as the app sorts), the explicitly named file not checked twice.
    expect(results.map((r) => [r.name, r.ok, r.id])).toEqual([[join(dir, 'a.YML'), false, null], [join(dir, 'b.yaml'), true, 'bee']]);

    // The built-in folder as the app ships it: every file valid.
    const builtins = readdirSync(join(REPO_ROOT, 'runbooks')).filter((f) => /\.ya?ml$/i.test(f));
    const shipped = await lint(['runbooks']);
    expect(shipped.stdout).toBe('');
    expect(shipped.stderr).toBe(`${builtins.length} runbook file(s) OK\n`);
    expect(shipped.code).toBe(0);
  });

  it('an empty directory, a missing path and a file that is not a runbook\'s text each say so and exit 1', { timeout: SLOW }, async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(join(empty, 'only-a-subfolder'), { recursive: true });
    writeFileSync(join(empty, 'README.md'), '# not a runbook');
    const none = await lint([empty]);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(`firebreak: no runbook files in directory ${empty} (no *.yaml or *.yml file; subdirectories are not searched)\n`);

    // A missing path next to a good file: the good file is still checked, and the run still fails.
    const good = join(tmp, 'good.yaml');
    writeFileSync(good, tiny('good'));
    const mixed = await lint([join(tmp, 'missing-dir'), good]);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toBe('');
    expect(mixed.stderr).toBe(`firebreak: cannot read ${join(tmp, 'missing-dir')}: no such file or directory\n1 runbook file(s) OK; 1 path(s) not checked (above)\n`);

    // Read as UTF-8 with replacement characters this would pass; the app refuses it, so lint does too.
    const latin1 = join(tmp, 'latin1.yaml');
    writeFileSync(latin1, Buffer.concat([Buffer.from(tiny('latin').replace('The only step', 'Caf')), Buffer.from([0xe9, 0x0a])]));
    const big = join(tmp, 'big.yaml');
    writeFileSync(big, `${tiny('big')}#${'x'.repeat(256 * 1024)}\n`);
    const bad = await lint([latin1, big]);
    expect(bad.code).toBe(1);
    const size = (256 * 1024 + tiny('big').length + 2).toLocaleString('en-US');
    expect(bad.stdout).toBe(`${latin1}:1:1: not UTF-8 text\n${big}:1:1: the file is ${size} bytes; a runbook file may be at most 256 KiB (262,144 bytes): shorten it, or split it into several runbooks\n`);
    expect(bad.stderr).toBe('2 problem(s) in 2 of 2 file(s)\n');
  });

  it('a file or a directory its reader may not open: named with the reason, exit 1, the rest still checked', { timeout: SLOW }, async () => {
    const dir = join(tmp, 'locked');
    mkdirSync(join(dir, 'closed'), { recursive: true });
    writeFileSync(join(dir, 'open.yaml'), tiny('open'));
    writeFileSync(join(dir, 'secret.yaml'), tiny('secret'));
    writeFileSync(join(dir, 'closed', 'inside.yaml'), tiny('inside'));
    chmodSync(tmp, 0o755);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    chmodSync(join(dir, 'closed'), 0o000);
    try {
      const run = await lint([dir, join(dir, 'closed')], asReader());
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe([
        // Paths that cannot be listed are found first, then files that cannot be read.
        `firebreak: cannot list directory ${join(dir, 'closed')}: permission denied`,
        `firebreak: cannot read ${join(dir, 'secret.yaml')}: permission denied`,
        '1 runbook file(s) OK; 2 path(s) not checked (above)',
        '',
      ].join('\n'));
    } finally {
      chmodSync(join(dir, 'closed'), 0o755);
      chmodSync(join(dir, 'secret.yaml'), 0o644);
    }
  });

  it('a folder of 1,000 runbooks (100 times a large library) is checked in batches the API accepts, in order', { timeout: SLOW }, async () => {
    const dir = join(tmp, 'library');
    mkdirSync(dir);
    const names: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const name = `rb-${String(i).padStart(4, '0')}.yaml`;
      names.push(name);
      // Every 250th is broken, so problems from late batches must show too.
      writeFileSync(join(dir, name), i % 250 === 249 ? tiny(`r${i}`).replace('title: Tiny', 'tittle: Tiny') : tiny(`r${i}`));
    }
    const started = Date.now();
    const run = await lint(['--json', dir]);
    const results = JSON.parse(run.stdout) as RunbookLintFile[];
    expect(results.map((r) => r.name)).toEqual(names.map((n) => join(dir, n)));
    expect(results.filter((r) => !r.ok).map((r) => r.name)).toEqual([249, 499, 749, 999].map((i) => join(dir, `rb-${String(i).padStart(4, '0')}.yaml`)));
    expect(run.stderr).toBe('8 problem(s) in 4 of 1000 file(s)\n');
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('firebreak runbook list', () => {
  it('lists built-in and custom runbooks, broken custom files with their problems', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'vault');
    const env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
    expect((await runCliInProcess(['--data-dir', dataDir, 'init', '--admin', 'alice'], env)).code).toBe(0);
    mkdirSync(join(dataDir, 'runbooks'));
    const ours = readFileSync(join(REPO_ROOT, 'runbooks/ransomware.yaml'), 'utf8').replace('id: ransomware', 'id: ransomware-acme');
    writeFileSync(join(dataDir, 'runbooks', 'acme.yaml'), ours);
    writeFileSync(join(dataDir, 'runbooks', 'broken.yml'), 'format: 1\nid: x\ntittle: y\n');
    writeFileSync(join(dataDir, 'runbooks', 'notes.txt'), 'not a runbook');
    // A folder named like a runbook is a folder: not listed, and it no longer fails the list (EISDIR).
    mkdirSync(join(dataDir, 'runbooks', 'archive.yaml'));

    const run = await runCliInProcess(['--data-dir', dataDir, 'runbook', 'list', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as RunbookSummary[];
    // Built-ins first (one per runbooks/*.yaml), then the organisation's own.
    const builtins = readdirSync(join(REPO_ROOT, 'runbooks')).filter((f) => f.endsWith('.yaml'));
    expect(list.filter((r) => r.source === 'built-in')).toHaveLength(builtins.length);
    const custom = list.slice(builtins.length);
    expect(custom.map((r) => [r.source, r.id])).toEqual([['custom', 'ransomware-acme'], ['custom', null]]);
    const ransomware = list.find((r) => r.source === 'built-in' && r.id === 'ransomware');
    expect(ransomware).toMatchObject({
      title: 'Ransomware', version: '1.0.0', file: join(REPO_ROOT, 'runbooks', 'ransomware.yaml'),
      appliesTo: { categories: ['ransomware', 'malware'], severityAtLeast: 'SEV2' }, problems: [],
    });
    expect(ransomware?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(custom[1]?.problems).toContain(`${join(dataDir, 'runbooks', 'broken.yml')}:3:1: unknown key "tittle"`);

    const table = await runCliInProcess(['--data-dir', dataDir, 'runbook', 'list'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+VERSION\s+SOURCE\s+APPLIES TO\s+TITLE\n/);
    expect(table.stdout).toContain('ransomware-acme');
    expect(table.stdout).toContain('BROKEN');
    expect(table.stderr).toContain('unknown key "tittle"');
  });
});
