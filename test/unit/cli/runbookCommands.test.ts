import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunbookLintFile, RunbookSummary } from '../../../contract';
import { REPO_ROOT, runCli } from './runCli';

/** Real backend, spawned CLI (the tests' bundle: low scrypt cost for the vaults it creates). */
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
    const run = await runCli(['--data-dir', dataDir, 'runbook', 'lint', 'runbooks/ransomware.yaml']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('1 runbook file(s) OK\n');
    expect(run.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 1 and prints every problem as file:line:col: message', { timeout: SLOW }, async () => {
    const files = [`${BROKEN}/multiple-problems.yaml`, 'runbooks/ransomware.yaml', `${BROKEN}/branch-missing.yaml`];
    const run = await runCli(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', ...files]);
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
    const run = await runCli(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', '--json', 'runbooks/ransomware.yaml', `${BROKEN}/yaml-tab-indent.yaml`]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as RunbookLintFile[];
    expect(out[0]).toMatchObject({ name: 'runbooks/ransomware.yaml', ok: true, id: 'ransomware', version: '1.0.0', problems: [] });
    expect(out[1]).toMatchObject({ ok: false, id: null, problems: [`${BROKEN}/yaml-tab-indent.yaml:8:1: YAML: Tabs are not allowed as indentation`] });
  });

  it('usage errors exit 2; an unreadable file exits 1', { timeout: SLOW }, async () => {
    const none = await runCli(['--data-dir', join(tmp, 'none'), 'runbook', 'lint']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^firebreak: runbook lint takes PATH…, got none/);
    const missing = await runCli(['--data-dir', join(tmp, 'none'), 'runbook', 'lint', join(tmp, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`firebreak: cannot read ${join(tmp, 'nope.yaml')}: ENOENT\n`);
  });
});

describe('firebreak runbook list', () => {
  it('lists built-in and custom runbooks, broken custom files with their problems', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'vault');
    const env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
    expect((await runCli(['--data-dir', dataDir, 'init', '--admin', 'alice'], env)).code).toBe(0);
    mkdirSync(join(dataDir, 'runbooks'));
    const ours = readFileSync(join(REPO_ROOT, 'runbooks/ransomware.yaml'), 'utf8').replace('id: ransomware', 'id: ransomware-acme');
    writeFileSync(join(dataDir, 'runbooks', 'acme.yaml'), ours);
    writeFileSync(join(dataDir, 'runbooks', 'broken.yml'), 'format: 1\nid: x\ntittle: y\n');
    writeFileSync(join(dataDir, 'runbooks', 'notes.txt'), 'not a runbook');

    const run = await runCli(['--data-dir', dataDir, 'runbook', 'list', '--json'], env);
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

    const table = await runCli(['--data-dir', dataDir, 'runbook', 'list'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+VERSION\s+SOURCE\s+APPLIES TO\s+TITLE\n/);
    expect(table.stdout).toContain('ransomware-acme');
    expect(table.stdout).toContain('BROKEN');
    expect(table.stderr).toContain('unknown key "tittle"');
  });
});
