/**
 * Issue 12 user test, findings 3 and 5, on a fixture with chosen times:
 * - a backup plan is judged only from its creation: slots before it are not missed, its RPO is not
 *   missed before an RPO has passed since, and a plan added after the period is not judged in it;
 * - exercise work is marked and scoped like the exercise: a drill done for an exercise incident is
 *   left out of the drill figures unless exercises are included (and counted either way), and the
 *   exercise's action items carry `exercise` for the EXERCISE badge and the CLI's marker.
 */
process.env.TZ = 'UTC';

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResult } from '../../../contract';
import { formatActionRows } from '../../../main/cli/formatActions';
import { formatKpis } from '../../../main/cli/formatKpis';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let tmp: string;
let v: TestVault;
let q1: KpiResult;
let q1WithExercises: KpiResult;
let q2: KpiResult;
let exerciseRef: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-kpi-plans-'));
  const source = join(tmp, 'share');
  mkdirSync(source);
  writeFileSync(join(source, 'ledger.txt'), 'figures\n');
  v = await createTestVault({ dataDir: join(tmp, 'vault'), idleTimeoutMs: 400 * 86_400_000 });
  const admin = v.admin;
  const clock = (iso: string) => {
    v.clock.ms = Date.parse(iso);
  };
  const plan = (name: string, rpoMinutes: number) =>
    admin.call('backups.plans.add', { name, sources: [source], includeDatabase: false, target: join(tmp, `backups-${name}`), schedule: '0 2 * * *', rtoMinutes: 60, rpoMinutes });

  // "share" is added on 30 March at noon: the only slot of Q1 after that is 31 March 02:00, which ran and was verified.
  clock('2026-03-30T12:00:00Z');
  await plan('share', 1440);
  clock('2026-03-31T02:00:00Z');
  const backup = (await admin.call('backups.run', { name: 'share' })).id;
  clock('2026-03-31T03:00:00Z');
  await admin.call('backups.verify', { id: backup, level: 'quick' });
  // A tabletop exercise with a restore drill done for it, and an action item.
  clock('2026-03-31T04:00:00Z');
  exerciseRef = (await admin.call('incidents.create', { title: 'Tabletop: ransomware on FS01', severity: 'SEV2', category: 'ransomware', exercise: true, detectedAt: '2026-03-31T04:00:00Z' })).ref;
  clock('2026-03-31T05:00:00Z');
  await admin.call('backups.drill', { id: backup, incidentRef: exerciseRef });
  await admin.call('actions.add', { ref: exerciseRef, title: 'Print the restore runbook', owner: 'admin', due: '2026-04-30' });
  // "fresh" is added an hour before Q1 ends: nothing verified yet, but its RPO of a day is not due.
  clock('2026-03-31T23:00:00Z');
  await plan('fresh', 1440);
  // "later" exists only from May: not in Q1 at all.
  clock('2026-05-04T09:00:00Z');
  await plan('later', 60);

  clock('2026-07-10T00:00:00Z');
  q1 = await admin.call('kpis.get', { from: '2026-01-01', to: '2026-03-31' });
  q1WithExercises = await admin.call('kpis.get', { from: '2026-01-01', to: '2026-03-31', includeExercises: true });
  q2 = await admin.call('kpis.get', { from: '2026-04-01', to: '2026-06-30' });
}, 120_000);

afterAll(() => {
  v?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('backup health is judged from each plan\'s creation', () => {
  it('a plan added mid-period: slots before it are not missed', () => {
    const share = q1.backups.plans.find((p) => p.plan === 'share');
    expect(share).toMatchObject({ createdAt: '2026-03-30T12:00:00.000Z', scheduled: 1, succeeded: 1, missed: 0, rate: 1, withinRpo: true });
  });

  it('a plan added an hour before the end, nothing verified yet: its RPO is not due, not "missed"', () => {
    const fresh = q1.backups.plans.find((p) => p.plan === 'fresh');
    expect(fresh).toMatchObject({ scheduled: 0, missed: 0, newestVerified: null, withinRpo: null });
    expect(formatKpis(q1)).toMatch(/fresh .* 24\.0 h not due yet/);
  });

  it('a plan added after the period is not judged in it, only named; the next period judges it', () => {
    expect(q1.backups.plans.map((p) => p.plan)).toEqual(['fresh', 'share']);
    expect(q1.backups.laterPlans).toEqual([{ plan: 'later', createdAt: '2026-05-04T09:00:00.000Z' }]);
    expect(formatKpis(q1)).toContain('added after the period, not judged in it: later (2026-05-04)');
    expect(formatKpis(q1)).not.toMatch(/later .*MISSED/);
    // In Q2 it exists: 4 May–30 June, a run every day at 02:00 from 5 May, none ran: every one missed, the RPO missed.
    const later = q2.backups.plans.find((p) => p.plan === 'later');
    expect(later).toMatchObject({ scheduled: 57, missed: 57, withinRpo: false });
    expect(q2.backups.laterPlans).toEqual([]);
  });
});

describe('exercise work is scoped like the exercise', () => {
  it('a drill done for an exercise incident is left out of the drill figures, and counted', () => {
    expect(q1.drills).toMatchObject({ restore: { n: 0 }, withinRto: 0, exercises: 1, points: [] });
    expect(q1WithExercises.drills).toMatchObject({ restore: { n: 1 }, withinRto: 1, exercises: 1 });
    expect(q1WithExercises.drills.points).toHaveLength(1);
    expect(formatKpis(q1)).toMatch(/Restore drills \(all plans\): 0, .*; 1 drill for exercises left out/);
    expect(q1WithExercises.exercisesIncluded).toBe(1);
    expect(formatKpis(q1WithExercises)).toContain('1 incident detected (1 exercise included)');
  });

  it('its action items say EXERCISE, in the API and in `action list`', async () => {
    const page = await v.admin.call('actions.list', {});
    expect(page.rows.map((a) => [a.ref, a.exercise])).toEqual([[exerciseRef, true]]);
    expect(formatActionRows(page.rows)).toMatch(/\[EXERCISE\] Print the restore runbook/);
  });
});
