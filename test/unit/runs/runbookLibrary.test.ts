import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { ENGINE_RUNBOOK } from './engineRunbook';

let v: TestVault;
let responder: TestClient;
const customDir = () => join(v.dataDir, 'runbooks');
const customFiles = () => (existsSync(customDir()) ? readdirSync(customDir()).sort() : []);
const head = async () => (await v.admin.call('log.verify', {})).head;

beforeAll(async () => {
  v = await createTestVault();
  responder = await v.addUser('rita', 'responder');
});
afterAll(() => v.dispose());

describe('import', () => {
  it('saves a valid runbook as <data dir>/runbooks/<id>.yaml, byte for byte, and logs it', async () => {
    const summary = await v.admin.call('runbooks.import', { name: 'whatever-name.yml', text: ENGINE_RUNBOOK() });
    expect(summary).toMatchObject({ id: 'engine-test', version: '1.0.0', source: 'custom', problems: [] });
    expect(readFileSync(join(customDir(), 'engine-test.yaml'), 'utf8')).toBe(ENGINE_RUNBOOK());
    const events = await v.admin.call('audit.list', { type: 'runbook.imported', limit: 1 });
    expect(events.rows[0]?.data).toMatchObject({ id: 'engine-test', version: '1.0.0', replaced: false });
  });

  it('refuses a broken file whole, with every problem as file:line:col, and changes nothing', async () => {
    const before = { files: customFiles(), head: await head() };
    const broken = ENGINE_RUNBOOK().replace('requires: [triage] }', 'requires: [nowhere] }').replace('kind: task, title: Left', 'kind: tsak, title: Left');
    const err = expectFailure(await v.admin.attempt('runbooks.import', { name: 'broken.yaml', text: broken }), 'VALIDATION');
    expect(err.message).toContain('broken.yaml is not a valid runbook');
    expect(err.issues?.length).toBeGreaterThan(0);
    expect(err.issues?.every((p) => /^broken\.yaml:\d+:\d+: /.test(p))).toBe(true);
    expect({ files: customFiles(), head: await head() }).toEqual(before);
  });

  it('refuses an existing id unless replacing, and a built-in id always', async () => {
    expect(expectFailure(await v.admin.attempt('runbooks.import', { name: 'x.yaml', text: ENGINE_RUNBOOK('1.0.1') }), 'CONFLICT').message).toContain('replace it');
    const ransomware = readFileSync(join(import.meta.dirname, '../../../runbooks/ransomware.yaml'), 'utf8');
    expect(expectFailure(await v.admin.attempt('runbooks.import', { name: 'r.yaml', text: ransomware, replace: true }), 'CONFLICT').message).toContain('is a built-in runbook');
    const replaced = await v.admin.call('runbooks.import', { name: 'x.yaml', text: ENGINE_RUNBOOK('1.0.1'), replace: true });
    expect(replaced.version).toBe('1.0.1');
    expect(customFiles()).toEqual(['engine-test.yaml']);
  });

  it('only administrators may import or duplicate', async () => {
    expectFailure(await responder.attempt('runbooks.import', { name: 'x.yaml', text: ENGINE_RUNBOOK('2.0.0'), replace: true }), 'FORBIDDEN');
    expectFailure(await responder.attempt('runbooks.duplicate', { id: 'ransomware', newId: 'mine' }), 'FORBIDDEN');
  });
});

describe('duplicate and export', () => {
  it('duplicates a built-in under a new id and title, keeping its comments and sources; version starts at 1.0.0', async () => {
    const copy = await v.admin.call('runbooks.duplicate', { id: 'ransomware', newId: 'acme-ransomware', title: 'Ransomware (ACME)' });
    expect(copy).toMatchObject({ id: 'acme-ransomware', title: 'Ransomware (ACME)', version: '1.0.0', source: 'custom', problems: [] });
    const text = readFileSync(join(customDir(), 'acme-ransomware.yaml'), 'utf8');
    expect(text).toContain('# Built-in runbook: ransomware.');
    expect(text).toContain('CISA and MS-ISAC');
    expectFailure(await v.admin.attempt('runbooks.duplicate', { id: 'ransomware', newId: 'acme-ransomware' }), 'CONFLICT');
    expectFailure(await v.admin.attempt('runbooks.duplicate', { id: 'no-such', newId: 'other' }), 'NOT_FOUND');
    // The copy can be run like any runbook.
    const ref = (await v.admin.call('incidents.create', { title: 'Copy check', severity: 'SEV1', category: 'ransomware' })).ref;
    expect((await responder.call('runs.start', { ref, runbookId: 'acme-ransomware' })).source).toBe('custom');
  });

  it('exports the exact text of a runbook with its hash', async () => {
    const file = readFileSync(join(import.meta.dirname, '../../../runbooks/ransomware.yaml'), 'utf8');
    const listed = (await responder.call('runbooks.list', {})).find((r) => r.id === 'ransomware');
    expect(await responder.call('runbooks.export', { id: 'ransomware' })).toEqual({ fileName: 'ransomware.yaml', text: file, contentHash: listed?.contentHash });
    expectFailure(await responder.attempt('runbooks.export', { id: 'no-such' }), 'NOT_FOUND');
  });

  it('two files claiming one id are both flagged, and a run of that id is refused', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(customDir(), 'twin.yaml'), ENGINE_RUNBOOK('9.9.9'));
    try {
      const twins = (await v.admin.call('runbooks.list', {})).filter((r) => r.id === 'engine-test');
      expect(twins).toHaveLength(2);
      expect(twins.every((t) => t.problems.some((p) => p.includes('is also used by')))).toBe(true);
      const ref = (await v.admin.call('incidents.create', { title: 'Twin check', severity: 'SEV4', category: 'other' })).ref;
      expect(expectFailure(await responder.attempt('runs.start', { ref, runbookId: 'engine-test' }), 'CONFLICT').message).toContain('two runbook files use the id');
    } finally {
      (await import('node:fs')).rmSync(join(customDir(), 'twin.yaml'));
    }
  });
});
