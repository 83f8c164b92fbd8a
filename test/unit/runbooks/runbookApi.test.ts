import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINT_FILES, MAX_LINT_REQUEST_BYTES, MAX_RUNBOOK_BYTES } from '../../../contract';
import { connect, expectFailure } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const RANSOMWARE = readFileSync(fileURLToPath(new URL('../../../runbooks/ransomware.yaml', import.meta.url)), 'utf8');

let v: TestVault;
beforeAll(async () => {
  v = await createTestVault();
});
afterAll(() => v.dispose());

describe('runbooks API', () => {
  it('runbooks.lint needs a session (issue 13 §6), and then answers and writes nothing to the log', async () => {
    const refused = expectFailure(await connect(v.backend).raw('runbooks.lint', { files: [{ name: 'good.yaml', text: RANSOMWARE }] }), 'UNAUTHENTICATED');
    expect(refused.message).toBe('sign in first (no session, or it ended)');
    const before = await v.admin.call('log.verify', {});
    const auditor = await v.addUser('aldo', 'auditor');
    const results = await auditor.call('runbooks.lint', {
      files: [{ name: 'good.yaml', text: RANSOMWARE }, { name: 'bad.yaml', text: 'format: 1\nid: x\ntittle: y\n' }],
    });
    expect(results[0]).toMatchObject({ name: 'good.yaml', ok: true, id: 'ransomware', problems: [] });
    expect(results[1]).toMatchObject({ name: 'bad.yaml', ok: false });
    expect(results[1]?.problems).toContain('bad.yaml:3:1: unknown key "tittle"');
    // Adding the auditor wrote events; the lint itself wrote none.
    const afterAdd = (await v.admin.call('log.verify', {})).count;
    await auditor.call('runbooks.lint', { files: [{ name: 'good.yaml', text: RANSOMWARE }] });
    expect((await v.admin.call('log.verify', {})).count).toBe(afterAdd);
    expect(afterAdd).toBeGreaterThan(before.count);
  });

  it('runbooks.lint bounds its input per file and per call, and the refusals name the limit', async () => {
    expectFailure(await v.admin.raw('runbooks.lint', { files: [] }), 'VALIDATION');
    const big = expectFailure(await v.admin.raw('runbooks.lint', { files: [{ name: 'big.yaml', text: 'x'.repeat(MAX_RUNBOOK_BYTES + 1) }] }), 'VALIDATION');
    expect(big.message).toBe('invalid input for runbooks.lint: files.0.text: the file is 262,145 bytes; a runbook file may be at most 256 KiB (262,144 bytes): shorten it, or split it into several runbooks');
    // Counted as UTF-8, as on disk: 100,000 three-byte characters.
    const wide = expectFailure(await v.admin.raw('runbooks.lint', { files: [{ name: 'wide.yaml', text: '€'.repeat(100_000) }] }), 'VALIDATION');
    expect(wide.message).toContain('the file is 300,000 bytes; a runbook file may be at most 256 KiB');
    // Five files each under the per-file limit, together over the per-call one.
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.yaml`, text: `# ${'x'.repeat(MAX_RUNBOOK_BYTES - 3)}` }));
    const total = expectFailure(await v.admin.raw('runbooks.lint', { files: five }), 'VALIDATION');
    expect(total.message).toBe(`invalid input for runbooks.lint: files: the files together are 1,310,715 bytes; one request may carry at most ${MAX_LINT_REQUEST_BYTES / 1024 / 1024} MiB (1,048,576 bytes): send fewer files at a time`);
    const many = Array.from({ length: MAX_LINT_FILES + 1 }, (_, i) => ({ name: `f${i}.yaml`, text: 'format: 1\n' }));
    expect(expectFailure(await v.admin.raw('runbooks.lint', { files: many }), 'VALIDATION').message).toContain(`at most ${MAX_LINT_FILES} files in one request`);
    // The import takes one file under the same per-file limit.
    const imported = expectFailure(await v.admin.raw('runbooks.import', { name: 'big.yaml', text: 'x'.repeat(MAX_RUNBOOK_BYTES + 1) }), 'VALIDATION');
    expect(imported.message).toContain('a runbook file may be at most 256 KiB');
  });

  it('a file crafted to be slow to parse is read off the event loop: a call made after it answers first', async () => {
    // 120 KB of keys in one mapping: the parser's duplicate-key check made this quadratic (issue 13 §6).
    const keys = Array.from({ length: 12_000 }, (_, i) => `k${i}: v`).join('\n');
    const order: string[] = [];
    const lint = v.admin.call('runbooks.lint', { files: [{ name: 'slow.yaml', text: keys }] }).then((r) => {
      order.push('lint');
      return r;
    });
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer'));
    const session = v.admin.call('auth.session', {}).then(() => order.push('auth.session'));
    const incidents = v.admin.call('incidents.list', {}).then(() => order.push('incidents.list'));
    const [result] = await Promise.all([lint, timer, session, incidents]);
    expect(order).toEqual(['auth.session', 'incidents.list', 'timer', 'lint']);
    // 12,000 unknown keys: the first hundred problems, and a line saying there are more.
    const problems = result?.[0]?.problems ?? [];
    expect(problems[0]).toBe('slow.yaml:1:1: "format" must be 1, not undefined');
    expect(problems).toHaveLength(101);
    expect(problems[100]).toBe('slow.yaml:92:1: and more problems after these 100; fix these first (at most 100 are listed)');
  });

  it('lists and mappings nested deeper than 100 levels are refused before the parser, which could abort the process', async () => {
    // 1,000 brackets, parsed a few times, made V8 abort the whole process (not just a thread).
    const files = Array.from({ length: 8 }, (_, i) => ({ name: `deep${i}.yaml`, text: i % 2 === 0 ? '['.repeat(5_000) : `steps:\n${'  - '.repeat(2_000)}x` }));
    const results = await v.admin.call('runbooks.lint', { files });
    expect(results.map((r) => r.problems)).toEqual(files.map((f, i) => [
      i % 2 === 0
        ? `${f.name}:1:101: lists and mappings are nested more than 100 levels deep here; a runbook needs only a few: flatten it`
        : `${f.name}:2:395: lists and mappings are nested more than 100 levels deep here; a runbook needs only a few: flatten it`,
    ]));
    expect((await v.admin.call('auth.session', {}))?.user).toBe('admin');
  });

  it('runbooks.list needs a session, and shows custom runbooks from <dataDir>/runbooks next to the built-ins', async () => {
    expectFailure(await connect(v.backend).raw('runbooks.list', {}), 'UNAUTHENTICATED');
    mkdirSync(join(v.dataDir, 'runbooks'), { recursive: true });
    writeFileSync(join(v.dataDir, 'runbooks', 'ours.yaml'), RANSOMWARE.replace('id: ransomware', 'id: ours').replace('version: 1.0.0', 'version: 2.1.0'));
    const manager = await v.addUser('mia', 'manager');
    const list = await manager.call('runbooks.list', {});
    expect(list.filter((r) => r.source === 'custom').map((r) => `${r.id}@${r.version}`)).toEqual(['ours@2.1.0']);
    const builtin = list.find((r) => r.source === 'built-in' && r.id === 'ransomware');
    expect(builtin?.version).toBe('1.0.0');
    expect(builtin?.contentHash).not.toBe(list.find((r) => r.id === 'ours')?.contentHash);
  });
});
