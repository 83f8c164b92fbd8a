import { afterEach, describe, expect, it } from 'vitest';
import type { Topics } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

const HOUR = 3_600_000;

describe('the deadline board and its alarms', () => {
  it('lists open obligations across incidents soonest first, and raises each alarm once as thresholds pass', async () => {
    // The test clock starts at 2026-03-14T09:00Z; sessions outlive the days the test moves through.
    v = await createTestVault({ idleTimeoutMs: 7 * 24 * HOUR });
    const eu = await v.admin.call('incidents.create', { title: 'EU shop breach', severity: 'SEV1', category: 'data-breach', affected: [{ jurisdiction: 'FR', count: 50 }] });
    const tx = await v.admin.call('incidents.create', { title: 'Texas clinic breach', severity: 'SEV2', category: 'data-breach', affected: [{ jurisdiction: 'US-TX', count: 400 }] });
    await v.admin.call('incidents.create', { title: 'Not assessed', severity: 'SEV3', category: 'phishing' });
    const manager = await v.addUser('mia', 'manager');
    const alarms: Topics['notify.alarm'][] = [];
    v.backend.subscribe(manager.conn, 'notify.alarm', (a) => alarms.push(a));

    // GDPR Art. 33(1): 72 h from awareness → 2026-03-16T10:00Z.
    await v.admin.call('notify.facts.set', { ref: eu.ref, patch: { personalData: true, riskToIndividuals: 'risk', awareAt: '2026-03-13T10:00:00Z' } });
    // Tex. Bus. & Com. Code 521.053(i): the AG within 30 days of the determination (250 or more Texans).
    await v.admin.call('notify.facts.set', { ref: tx.ref, patch: { personalData: true, determinedAt: '2026-03-13T15:00:00Z' } });

    const board = await manager.call('notify.board', {});
    expect(new Set(board.map((r) => r.ref))).toEqual(new Set([eu.ref, tx.ref]));
    const dated = board.filter((r) => r.due !== null);
    expect(dated.map((r) => r.due)).toEqual([...dated.map((r) => r.due)].sort());
    // Rows without a computed time (as soon as feasible, waiting for a fact) come after the dated ones.
    expect(board.findIndex((r) => r.due === null)).toBeGreaterThanOrEqual(dated.length);
    const art33 = board.find((r) => r.regimeId === 'eu-gdpr-art33');
    expect(art33).toMatchObject({ ref: eu.ref, stageId: 'notification', due: '2026-03-16T10:00:00.000Z', overdue: false, outcome: 'notify' });
    expect(board[0]).toMatchObject({ regimeId: 'eu-gdpr-art33' });
    expect(alarms).toEqual([]);

    // 23 h before the deadline: the 24 h alarm, once.
    v.clock.advance(24 * HOUR + 2 * HOUR);
    await v.admin.call('notify.facts.set', { ref: eu.ref, patch: { contactPoint: 'dpo@example.eu' } });
    // (NYDFS 500.17(a), 72 h from the Texas determination, may apply too: due 2026-03-16T15:00Z, 28 h away.)
    expect(alarms).toEqual([expect.objectContaining({ ref: eu.ref, regimeId: 'eu-gdpr-art33', stageId: 'notification', threshold: 24 })]);
    await v.admin.call('notify.facts.set', { ref: eu.ref, patch: { contactPoint: 'privacy@example.eu' } });
    expect(alarms).toHaveLength(1);

    // Past the deadline without the 4 h alarm seen: only "overdue" is raised, and the board says so.
    v.clock.advance(24 * HOUR);
    await v.admin.call('notify.facts.set', { ref: eu.ref, patch: { measuresTaken: 'Passwords reset' } });
    expect(alarms.filter((a) => a.regimeId === 'eu-gdpr-art33').map((a) => a.threshold)).toEqual([24, 0]);
    // NYDFS, 4 h away now, crossed 24 h and 4 h at once: only the 4 h alarm.
    expect(alarms.filter((a) => a.regimeId === 'us-nydfs-500-17').map((a) => a.threshold)).toEqual([4]);
    expect((await manager.call('notify.board', {})).find((r) => r.regimeId === 'eu-gdpr-art33')).toMatchObject({ overdue: true });
    const logged = await v.admin.call('audit.list', { type: 'notify.deadline_alarm' });
    expect(logged.rows.filter((r) => r.incidentRef === eu.ref).map((r) => [r.actor, (r.data as { threshold: number }).threshold])).toEqual([['system', 0], ['system', 24]]);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);

    // Closing the incident ends no obligation: its unmet ones stay on the board, marked closed (issue 11 §1).
    await v.admin.call('incidents.setStatus', { ref: eu.ref, status: 'closed', reason: 'Closed over the unsent notice, on purpose', skipPhases: true });
    expect((await manager.call('notify.board', {})).find((r) => r.ref === eu.ref && r.regimeId === 'eu-gdpr-art33')).toMatchObject({ incidentStatus: 'closed', overdue: true });
  });

  it('an alarm raised does not hide a later change of the facts, even one made outside the app on an incident with no events', async () => {
    v = await createTestVault({ idleTimeoutMs: 7 * 24 * HOUR });
    const ref = 'IR-2026-00900';
    const facts = (awareAt: string) => JSON.stringify({ personalData: true, riskToIndividuals: 'risk', awareAt });
    withRawDb(v.dataDir, await exportKey(v.admin), (db) => {
      db.prepare(
        `INSERT INTO incidents (ref, title, category, severity, highest_severity, status, status_rank, detected_at, affected, created_at, created_by, updated_at)
         VALUES (?, 'Imported breach', 'data-breach', 'SEV1', 'SEV1', 'detected', 0, '2026-03-13T10:00:00Z', ?, '2026-03-13T10:00:00Z', 'admin', '2026-03-13T10:00:00Z')`,
      ).run(ref, JSON.stringify([{ jurisdiction: 'FR', count: 50 }]));
      db.prepare('INSERT INTO breach_facts (incident_ref, facts, updated_at, updated_by) VALUES (?, ?, ?, ?)').run(ref, facts('2026-03-12T10:00:00Z'), '2026-03-13T10:00:00Z', 'admin');
    });
    const art33 = async () => (await v!.admin.call('notify.board', {})).find((r) => r.ref === ref && r.regimeId === 'eu-gdpr-art33');
    expect(await art33()).toMatchObject({ due: '2026-03-15T10:00:00.000Z' });
    // The test clock is at 2026-03-14T09:00Z: 72 h from awareness is 25 h away: the sweep after a change of the thresholds raises the 48 h alarm.
    await v.admin.call('settings.alarms.set', { hours: [48] });
    const logged = await v.admin.call('audit.list', { type: 'notify.deadline_alarm' });
    expect(logged.rows.filter((r) => r.incidentRef === ref).map((r) => (r.data as { threshold: number }).threshold)).toEqual([48]);
    // Awareness was a day later: the deadline moves, though the alarm is the incident's only event.
    withRawDb(v.dataDir, await exportKey(v.admin), (db) => {
      db.prepare('UPDATE breach_facts SET facts = ? WHERE incident_ref = ?').run(facts('2026-03-13T10:00:00Z'), ref);
    });
    expect(await art33()).toMatchObject({ due: '2026-03-16T10:00:00.000Z' });
  });

  it('a backup operator may not see the board', async () => {
    v = await createTestVault();
    const operator = await v.addUser('otto', 'backup-operator');
    expectFailure(await operator.attempt('notify.board', {}), 'FORBIDDEN');
  });
});
