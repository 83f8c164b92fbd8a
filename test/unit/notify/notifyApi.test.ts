import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../main/api';
import { builtinNotifyDir } from '../../../main/notify';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault | null = null;
const temps: string[] = [];
afterEach(() => {
  v?.dispose();
  v = null;
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** An incident with EU, California and Texas residents affected. */
async function breach(client: TestClient): Promise<string> {
  const incident = await client.call('incidents.create', {
    title: 'Customer database exfiltrated', severity: 'SEV1', category: 'data-breach', dataCategories: ['contact', 'financial'],
    affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-CA', count: 800 }, { jurisdiction: 'US-TX', count: 300 }],
  });
  return incident.ref;
}

describe('notify API', () => {
  it('reads the incident\'s own fields as facts, and records every change with old and new values', async () => {
    v = await createTestVault();
    const ref = await breach(v.admin);
    const before = await v.admin.call('notify.facts.get', { ref });
    expect(before).toMatchObject({ ref, updatedAt: null, facts: { personalData: null, awareAt: null, dataCategories: ['contact', 'financial'] } });
    expect(before.facts.affected).toHaveLength(3);

    const open = await v.admin.call('notify.assess', { ref });
    // Personal data not yet confirmed: GDPR Art. 33 may apply, and says what would decide it.
    const art33 = open.regimes.find((r) => r.regime.id === 'eu-gdpr-art33');
    expect(art33).toMatchObject({ outcome: 'undetermined' });
    expect(art33?.missing).toEqual(expect.arrayContaining(['personalData', 'awareAt']));

    const after = await v.admin.call('notify.facts.set', { ref, patch: { personalData: true, awareAt: '2026-03-13T10:00:00Z', riskToIndividuals: 'high' } });
    const decided = after.regimes.find((r) => r.regime.id === 'eu-gdpr-art33');
    expect(decided).toMatchObject({ outcome: 'notify', stages: [{ id: 'notification', due: '2026-03-16T10:00:00.000Z', status: 'due' }] });
    const log = await v.admin.call('audit.list', { type: 'notify.facts_changed' });
    expect(log.rows[0]).toMatchObject({
      actor: 'admin', incidentRef: ref,
      data: { changes: { personalData: { from: null, to: true }, awareAt: { from: null, to: '2026-03-13T10:00:00Z' }, riskToIndividuals: { from: null, to: 'high' } } },
    });
    const stored = await v.admin.call('notify.facts.get', { ref });
    expect(stored).toMatchObject({ updatedBy: 'admin', facts: { personalData: true, riskToIndividuals: 'high' } });

    // A later change of one fact keeps the others and re-assesses.
    const encrypted = await v.admin.call('notify.facts.set', { ref, patch: { encrypted: true, keyCompromised: false } });
    expect(encrypted.regimes.find((r) => r.regime.id === 'eu-gdpr-art34')?.outcome).toBe('exempt');
    expect((await v.admin.call('notify.facts.get', { ref })).facts).toMatchObject({ personalData: true, encrypted: true });
  });

  it('refuses a patch that changes nothing, an unknown incident, bad values and incident-owned fields; nothing is logged', async () => {
    v = await createTestVault();
    const ref = await breach(v.admin);
    await v.admin.call('notify.facts.set', { ref, patch: { personalData: true } });
    expectFailure(await v.admin.attempt('notify.facts.set', { ref, patch: { personalData: true } }), 'VALIDATION');
    expectFailure(await v.admin.attempt('notify.facts.set', { ref: 'IR-2026-9999', patch: { personalData: true } }), 'NOT_FOUND');
    expectFailure(await v.admin.raw('notify.facts.set', { ref, patch: { riskToIndividuals: 'extreme' } }), 'VALIDATION');
    expectFailure(await v.admin.raw('notify.facts.set', { ref, patch: { awareAt: 'yesterday' } }), 'VALIDATION');
    // Data categories and affected counts are the incident's: edited there, not here.
    expectFailure(await v.admin.raw('notify.facts.set', { ref, patch: { affected: [] } }), 'VALIDATION');
    expect((await v.admin.call('audit.list', { type: 'notify.facts_changed' })).rows).toHaveLength(1);
  });

  it('who may do what: legal and responders set facts; managers and auditors read; a backup operator neither', async () => {
    v = await createTestVault();
    const ref = await breach(v.admin);
    const legal = await v.addUser('lena', 'legal');
    const manager = await v.addUser('mia', 'manager');
    const operator = await v.addUser('otto', 'backup-operator');
    await legal.call('notify.facts.set', { ref, patch: { awareAt: '2026-03-13T10:00:00Z' } });
    expectFailure(await manager.attempt('notify.facts.set', { ref, patch: { personalData: true } }), 'FORBIDDEN');
    expect((await manager.call('notify.assess', { ref })).regimes.length).toBeGreaterThan(20);
    expectFailure(await operator.attempt('notify.assess', { ref }), 'FORBIDDEN');
  });

  it('assesses a facts file with no session (tabletop) and lists the regimes', async () => {
    v = await createTestVault();
    const anonymous = connect(v.backend);
    const a = await anonymous.call('notify.assessFacts', { facts: { personalData: true, affected: [{ jurisdiction: 'SG', count: 600 }], determinedAt: '2026-03-13T16:00:00Z' } });
    // PDPA s 26D(1): 3 calendar days after the determination, same local time in Singapore.
    expect(a.regimes.find((r) => r.regime.id === 'sg-pdpa-pdpc')).toMatchObject({ outcome: 'notify', stages: [{ due: '2026-03-16T16:00:00.000Z' }] });
    const regimes = await anonymous.call('notify.regimes', {});
    expect(regimes.length).toBeGreaterThanOrEqual(30);
    expect(regimes.every((r) => r.sources.length > 0 && r.sources.every((s) => s.url.startsWith('https://')))).toBe(true);
  });

  it('a broken rules file stops the assessment with file:line:col, rather than assessing with half the rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-notify-rules-'));
    temps.push(dir);
    cpSync(builtinNotifyDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'regimes', 'zz-broken.yaml'), 'format: 1\nid: zz-broken\nname: Broken\n');
    const dataDir = mkdtempSync(join(tmpdir(), 'fb-notify-data-'));
    temps.push(dataDir);
    const backend = await createBackend({ dataDir, builtinNotifyDir: dir });
    try {
      const r = await connect(backend).attempt('notify.assessFacts', { facts: { personalData: true } });
      const error = expectFailure(r, 'INTERNAL');
      expect(error.message).toMatch(/the notification rules are broken; nothing was assessed/);
      expect(error.message).toMatch(/zz-broken\.yaml:1:1: title: /);
    } finally {
      backend.close();
    }
  });
});
