/**
 * The personal-data access report: who was shown which incident's personal fields, and who viewed
 * or exported its evidence, from the log — through the API and `firebreak audit access-report`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRow } from '../../../contract';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { expectFailure, type TestClient } from '../../helpers/client';
import { ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let rita: TestClient;
let auditor: TestClient;
let withPii = '';
let without = '';
let evidenceId = '';
const row = (r: AccessRow) => [r.user, r.action, r.incidentRef, r.evidenceId];

beforeAll(async () => {
  v = await createTestVault();
  rita = await v.addUser('rita', 'responder');
  auditor = await v.addUser('aud', 'auditor');
  withPii = (await v.admin.call('incidents.create', { title: 'Lost laptop', severity: 'SEV2', category: 'lost-device', reporterName: 'Ottilie Brandt', affectedPeople: ['Jonas Weber'] })).ref;
  without = (await v.admin.call('incidents.create', { title: 'Port scan', severity: 'SEV4', category: 'other' })).ref;
  evidenceId = (await v.admin.call('evidence.add', { ref: withPii, name: 'laptop-inventory.csv', mediaType: 'text/csv', dataBase64: Buffer.from('serial,owner\n1,x\n').toString('base64') })).id;
  v.clock.advance(60_000);
  await rita.call('incidents.get', { ref: withPii });
  await rita.call('incidents.get', { ref: withPii }); // a page refetch: the same view
  await rita.call('incidents.get', { ref: without }); // nothing personal on it
  await auditor.call('incidents.get', { ref: withPii }); // masked for the auditor: not shown personal data
  v.clock.advance(11 * 60_000);
  await rita.call('incidents.get', { ref: withPii }); // a new view after the 10-minute span
  await rita.call('evidence.get', { ref: withPii, id: evidenceId, purpose: 'view' });
  await auditor.call('evidence.get', { ref: withPii, id: evidenceId, purpose: 'export' });
});
afterAll(() => v.dispose());

describe('audit.accessReport', () => {
  it('lists every view and export, oldest first; a refetch within 10 minutes is the same view; masked views are none', async () => {
    const report = await auditor.call('audit.accessReport', { offset: 0, limit: 200 });
    expect(report.rows.map(row)).toEqual([
      ['rita', 'personal-data-viewed', withPii, null],
      ['rita', 'personal-data-viewed', withPii, null],
      ['rita', 'evidence-viewed', withPii, evidenceId],
      ['aud', 'evidence-exported', withPii, evidenceId],
    ]);
    expect(report.total).toBe(4);
    const [first] = (await v.admin.call('audit.list', { type: 'incident.pii_viewed', offset: 0, limit: 5 })).rows.slice(-1);
    // The event names the fields shown, never their values.
    expect(first!.data).toEqual({ fields: ['reporterName', 'affectedPeople'] });
  });

  it('filters by user, incident and time; pages', async () => {
    expect((await v.admin.call('audit.accessReport', { user: 'aud', offset: 0, limit: 200 })).rows.map(row)).toEqual([['aud', 'evidence-exported', withPii, evidenceId]]);
    expect((await v.admin.call('audit.accessReport', { incident: without, offset: 0, limit: 200 })).total).toBe(0);
    const from = new Date(v.clock.ms - 5 * 60_000).toISOString();
    expect((await v.admin.call('audit.accessReport', { from, offset: 0, limit: 200 })).rows.map((r) => r.action)).toEqual(['personal-data-viewed', 'evidence-viewed', 'evidence-exported']);
    expect((await v.admin.call('audit.accessReport', { to: from, offset: 0, limit: 200 })).total).toBe(1);
    const paged = await v.admin.call('audit.accessReport', { offset: 1, limit: 2 });
    expect([paged.total, paged.rows.length, paged.rows[0]!.action]).toEqual([4, 2, 'personal-data-viewed']);
  });

  it('refuses what cannot be right, and roles without alert:read', async () => {
    const error = expectFailure(await v.admin.raw('audit.accessReport', { from: '2026-03-14T10:00:00Z', to: '2026-03-14T09:00:00Z' }), 'VALIDATION');
    expect(error.message).toMatch(/from must be before to/);
    expectFailure(await v.admin.raw('audit.accessReport', { incident: 'laptop' }), 'VALIDATION');
    expectFailure(await rita.attempt('audit.accessReport', { offset: 0, limit: 10 }), 'FORBIDDEN');
  });
});

describe('firebreak audit access-report', () => {
  const cli = (...args: string[]) => runCliInProcess(['--data-dir', v.dataDir, ...args], { FIREBREAK_PASSPHRASE: ADMIN_PASS });

  it('prints the report as a table (count on stderr) and as JSON', async () => {
    const text = await cli('audit', 'access-report', '--incident', withPii);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+USER\s+ACTION\s+INCIDENT\s+EVIDENCE$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(1))).toEqual([
      ['rita', 'personal data viewed', withPii, '-'], ['rita', 'personal data viewed', withPii, '-'],
      ['rita', 'evidence viewed', withPii, evidenceId], ['aud', 'evidence exported', withPii, evidenceId],
    ]);
    expect(text.stderr).toMatch(/4 record\(s\)/);
    const json = await cli('audit', 'access-report', '--actor', 'rita', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as AccessRow[]).map(row)).toEqual([
      ['rita', 'personal-data-viewed', withPii, null], ['rita', 'personal-data-viewed', withPii, null], ['rita', 'evidence-viewed', withPii, evidenceId],
    ]);
    const none = await cli('audit', 'access-report', '--actor', 'nobody', '--json');
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('refuses a time without its offset, naming the fix, before signing in', async () => {
    const r = await cli('audit', 'access-report', '--from', '2026-03-14 09:00');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from "2026-03-14 09:00" is not a time: give an ISO 8601 time with its UTC offset/);
  });

  it('is refused for a role without alert:read', async () => {
    const file = join(v.dataDir, 'rita.pass');
    writeFileSync(file, `${passphraseFor('rita')}\n`, { mode: 0o600 });
    const r = await runCliInProcess(['--data-dir', v.dataDir, 'audit', 'access-report', '--user', 'rita', '--passphrase-file', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/may not call audit.accessReport \(needs alert:read\)/);
  });
});
