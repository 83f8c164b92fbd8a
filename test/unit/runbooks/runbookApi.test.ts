import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUNBOOK_BYTES } from '../../../contract';
import { connect, expectFailure } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const RANSOMWARE = readFileSync(fileURLToPath(new URL('../../../runbooks/ransomware.yaml', import.meta.url)), 'utf8');

let v: TestVault;
beforeAll(async () => {
  v = await createTestVault();
});
afterAll(() => v.dispose());

describe('runbooks API', () => {
  it('runbooks.lint answers without a session and writes nothing to the log', async () => {
    const before = await v.admin.call('log.verify', {});
    const anonymous = connect(v.backend);
    const results = await anonymous.call('runbooks.lint', {
      files: [{ name: 'good.yaml', text: RANSOMWARE }, { name: 'bad.yaml', text: 'format: 1\nid: x\ntittle: y\n' }],
    });
    expect(results[0]).toMatchObject({ name: 'good.yaml', ok: true, id: 'ransomware', problems: [] });
    expect(results[1]).toMatchObject({ name: 'bad.yaml', ok: false });
    expect(results[1]?.problems).toContain('bad.yaml:3:1: unknown key "tittle"');
    expect((await v.admin.call('log.verify', {})).count).toBe(before.count);
  });

  it('runbooks.lint bounds its input', async () => {
    const anonymous = connect(v.backend);
    expectFailure(await anonymous.raw('runbooks.lint', { files: [] }), 'VALIDATION');
    expectFailure(await anonymous.raw('runbooks.lint', { files: [{ name: 'big.yaml', text: 'x'.repeat(MAX_RUNBOOK_BYTES + 1) }] }), 'VALIDATION');
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
