import { afterEach, describe, expect, it } from 'vitest';
import type { Topics } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

const HOUR = 3_600_000;

describe('settings.alarms: the deadline alarms\' thresholds', () => {
  it('defaults to 24 h and 4 h; set to 48 h, an obligation 40 h away raises a 48 h alarm, logged with old and new', async () => {
    // The test clock starts at 2026-03-14T09:00Z.
    v = await createTestVault({ idleTimeoutMs: 7 * 24 * HOUR });
    const manager = await v.addUser('mia', 'manager');
    const alarms: Topics['notify.alarm'][] = [];
    v.backend.subscribe(manager.conn, 'notify.alarm', (a) => alarms.push(a));
    expect(await manager.call('settings.alarms.get', {})).toEqual({ hours: [24, 4], source: 'default' });

    // GDPR Art. 33(1): 72 h from awareness at 2026-03-13T01:00Z → due 2026-03-16T01:00Z, 40 h away.
    const { ref } = await v.admin.call('incidents.create', { title: 'EU shop breach', severity: 'SEV1', category: 'data-breach', affected: [{ jurisdiction: 'FR', count: 50 }] });
    await v.admin.call('notify.facts.set', { ref, patch: { personalData: true, riskToIndividuals: 'risk', awareAt: '2026-03-13T01:00:00Z' } });
    const art33 = (a: { regimeId: string }) => a.regimeId === 'eu-gdpr-art33';
    expect((await manager.call('notify.board', {})).find(art33)).toMatchObject({ due: '2026-03-16T01:00:00.000Z' });
    expect(alarms.filter(art33)).toEqual([]);

    // Given in any order, kept longest first; the sweep runs right after the change.
    expect(await v.admin.call('settings.alarms.set', { hours: [48] })).toEqual({ hours: [48], source: 'settings' });
    expect(alarms.filter(art33)).toEqual([expect.objectContaining({ ref, stageId: 'notification', threshold: 48 })]);
    await v.admin.call('notify.facts.set', { ref, patch: { contactPoint: 'dpo@example.eu' } });
    expect(alarms.filter(art33)).toHaveLength(1);
    expect(await manager.call('settings.alarms.get', {})).toEqual({ hours: [48], source: 'settings' });

    // 24 h is no longer a threshold: 16 h before the deadline nothing new; at the deadline, overdue.
    v.clock.advance(24 * HOUR);
    await v.admin.call('notify.facts.set', { ref, patch: { contactPoint: 'privacy@example.eu' } });
    expect(alarms.filter(art33).map((a) => a.threshold)).toEqual([48]);
    v.clock.advance(16 * HOUR);
    await v.admin.call('notify.facts.set', { ref, patch: { measuresTaken: 'Passwords reset' } });
    expect(alarms.filter(art33).map((a) => a.threshold)).toEqual([48, 0]);

    // Thresholds added after the deadline passed are crossed, but warn nothing: "passed" was said.
    const set = await v.admin.call('settings.alarms.set', { hours: [4, 72, 12] });
    expect(set.hours).toEqual([72, 12, 4]);
    expect(alarms.filter(art33).map((a) => a.threshold)).toEqual([48, 0]);
    await v.admin.call('settings.alarms.set', { hours: [12, 72, 4] });
    const log = await v.admin.call('audit.list', { type: 'settings.changed' });
    expect(log.rows.map((r) => [r.actor, r.data])).toEqual([
      ['admin', { key: 'notify.alarmHours', changes: { hours: { from: [48], to: [72, 12, 4] } } }],
      ['admin', { key: 'notify.alarmHours', changes: { hours: { from: [24, 4], to: [48] } } }],
    ]);
    const raised = await v.admin.call('audit.list', { type: 'notify.deadline_alarm' });
    expect(raised.rows.filter((r) => r.incidentRef === ref && (r.data as { regimeId: string }).regimeId === 'eu-gdpr-art33').map((r) => (r.data as { threshold: number }).threshold)).toEqual([0, 48]);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });

  it('refuses hours that are not whole, out of 1–720, repeated, none or more than six, and logs nothing', async () => {
    v = await createTestVault();
    for (const hours of [[0], [721], [-4], [1.5], [24, 24], [], [1, 2, 3, 4, 5, 6, 7], ['24'], null]) {
      expectFailure(await v.admin.raw('settings.alarms.set', { hours }), 'VALIDATION');
    }
    expectFailure(await v.admin.raw('settings.alarms.set', { hours: [24], extra: true }), 'VALIDATION');
    expect(await v.admin.call('settings.alarms.set', { hours: [720, 1, 2, 3, 4, 5] })).toEqual({ hours: [720, 5, 4, 3, 2, 1], source: 'settings' });
    const log = await v.admin.call('audit.list', { type: 'settings.changed' });
    expect(log.rows).toHaveLength(1);
    expect(await v.admin.call('settings.alarms.get', {})).toEqual({ hours: [720, 5, 4, 3, 2, 1], source: 'settings' });
  });

  it('the default hours equal to those in force store and log nothing', async () => {
    v = await createTestVault();
    expect(await v.admin.call('settings.alarms.set', { hours: [4, 24] })).toEqual({ hours: [24, 4], source: 'default' });
    expect((await v.admin.call('audit.list', { type: 'settings.changed' })).rows).toEqual([]);
  });

  it('without a setting, the backend\'s option applies (then the setting wins)', async () => {
    v = await createTestVault({ deadlineAlarmHours: [4, 72] });
    expect(await v.admin.call('settings.alarms.get', {})).toEqual({ hours: [72, 4], source: 'default' });
    const alarms: Topics['notify.alarm'][] = [];
    v.backend.subscribe(v.admin.conn, 'notify.alarm', (a) => alarms.push(a));
    const { ref } = await v.admin.call('incidents.create', { title: 'EU shop breach', severity: 'SEV1', category: 'data-breach', affected: [{ jurisdiction: 'FR', count: 50 }] });
    // Due 2026-03-16T01:00Z, 40 h away: inside the option's 72 h.
    await v.admin.call('notify.facts.set', { ref, patch: { personalData: true, riskToIndividuals: 'risk', awareAt: '2026-03-13T01:00:00Z' } });
    expect(alarms.filter((a) => a.regimeId === 'eu-gdpr-art33').map((a) => a.threshold)).toEqual([72]);
    await v.admin.call('settings.alarms.set', { hours: [24] });
    const log = await v.admin.call('audit.list', { type: 'settings.changed' });
    expect(log.rows[0]?.data).toEqual({ key: 'notify.alarmHours', changes: { hours: { from: [72, 4], to: [24] } } });
  });

  it('a manager reads the thresholds but may not set them; a backup operator may not read them', async () => {
    v = await createTestVault();
    const manager = await v.addUser('mia', 'manager');
    const legal = await v.addUser('lena', 'legal');
    const operator = await v.addUser('otto', 'backup-operator');
    expectFailure(await manager.attempt('settings.alarms.set', { hours: [48] }), 'FORBIDDEN');
    expectFailure(await legal.attempt('settings.alarms.set', { hours: [48] }), 'FORBIDDEN');
    expectFailure(await operator.attempt('settings.alarms.get', {}), 'FORBIDDEN');
    expect(await legal.call('settings.alarms.get', {})).toEqual({ hours: [24, 4], source: 'default' });
    expect((await v.admin.call('audit.list', { type: 'settings.changed' })).rows).toEqual([]);
  });
});
