/**
 * Issue 12 §4: the KPIs against a fixture whose every figure was worked out by hand (the
 * arithmetic is written next to each expectation). Built through the real API on a real vault,
 * in time order with the test clock: thirteen incidents (unknown starts, times out of order kept
 * by an override, exercises, one before and one after the period, a move back), notices sent
 * early and late through the notify API, a decision that a notice is not required, a backup plan
 * with runs that succeeded, failed, went unverified and were missed, a drill, two runbook runs,
 * failed sign-ins and a refused request. Then `firebreak kpi --json` and `--csv` on the same files.
 *
 * Backups fire by node-cron's local time: this file runs in UTC so "0 2 * * *" is 02:00Z.
 */
process.env.TZ = 'UTC';

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataProblemEffect, type DurationMetric, type DurationStats, type KpiResult } from '../../../contract';
import type { TestClient } from '../../helpers/client';
import { clientFor, expectFailure } from '../../helpers/client';
import { ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';
import { formatAssessment } from '../../../main/cli/formatAssessment';
import { runCli } from '../cli/runCli';

const H = 3600;
const D = 86_400;
const at = (iso: string) => Date.parse(iso);

const RUNBOOK = `format: 1
id: kpi-contain
title: Contain and restore
version: 1.0.0
summary: Three steps, to time them.
appliesTo: { categories: [ransomware], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: isolate, kind: task, title: Isolate hosts, phase: { csf: Respond, picerl: Containment } }
  - { id: reset, kind: task, title: Reset credentials, requires: [isolate], phase: { csf: Respond, picerl: Containment } }
  - { id: restore, kind: task, title: Restore service, requires: [reset], phase: { csf: Recover, picerl: Recovery } }
`;

/** Facts that leave exactly GDPR Art. 33 (72 h, the authority) and, at high risk, Art. 34 (no fixed deadline). */
const gdprFacts = (awareAt: string, risk: 'risk' | 'high') => ({
  personalData: true, awareAt, discoveredAt: awareAt, determinedAt: awareAt, encrypted: false, riskToIndividuals: risk,
  secRegistrant: false, nydfsCoveredEntity: false, nis2Entity: 'none', doraFinancialEntity: false, hipaaCoveredEntity: false,
} as const);

let tmp: string;
let v: TestVault;
let result: KpiResult;
let withExercises: KpiResult;
let sev1: KpiResult;
const refs: Record<string, string> = {};

async function sendNotice(author: TestClient, legal: TestClient, ref: string, regimeId: string): Promise<void> {
  let draft = await author.call('notify.drafts.create', { ref, regimeId });
  if (draft.placeholders.length > 0) draft = await author.call('notify.drafts.revise', { id: draft.id, body: draft.body.replace(/\[\[MISSING: [^\]]*\]\]/g, 'not yet known') });
  await legal.call('notify.drafts.approve', { id: draft.id });
  await legal.call('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Supervisory authority portal' });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-kpis-'));
  const source = join(tmp, 'share');
  mkdirSync(source);
  writeFileSync(join(source, 'report.txt'), 'quarterly figures\n');
  v = await createTestVault({ dataDir: join(tmp, 'vault'), idleTimeoutMs: 400 * D * 1000 });
  const admin = v.admin;
  const lena = await v.addUser('lena', 'legal');
  const mia = await v.addUser('mia', 'manager');
  // Someone at the sign-in screen, on a connection of their own.
  const stranger = clientFor(v.backend, v.backend.newConnection('test'));
  const clock = (iso: string) => {
    v.clock.ms = at(iso);
  };
  await admin.call('runbooks.import', { name: 'kpi-contain.yaml', text: RUNBOOK });
  const create = async (key: string, input: Parameters<TestClient['call']>[1] & object) => {
    refs[key] = (await admin.call('incidents.create', input as never)).ref;
    return refs[key];
  };
  const move = (key: string, status: 'triaged' | 'contained' | 'eradicated' | 'recovered' | 'closed', reason?: string) =>
    admin.call('incidents.setStatus', { ref: refs[key]!, status, ...(reason ? { reason } : {}) });
  const done = (runId: string, step: string) => admin.call('runs.act', { runId, action: { type: 'done', step } });

  // The previous period (the 90 days before Q1): one incident, contained after 5 h.
  clock('2025-12-01T00:00:00Z');
  await create('I11', { title: 'Worm on the lab network', severity: 'SEV2', category: 'malware', detectedAt: '2025-12-01T00:00:00Z', containedAt: '2025-12-01T05:00:00Z' });

  // I1: every phase reached by a move at its time; a runbook run alongside.
  clock('2026-01-05T06:00:00Z');
  await create('I1', { title: 'Ransom note on FS01', severity: 'SEV1', category: 'ransomware', startedAt: '2026-01-05T00:00:00Z', detectedAt: '2026-01-05T06:00:00Z' });
  const r1 = (await admin.call('runs.start', { ref: refs.I1!, runbookId: 'kpi-contain' })).id;
  clock('2026-01-05T06:10:00Z');
  await done(r1, 'isolate');
  clock('2026-01-05T06:30:00Z');
  await move('I1', 'triaged');
  await done(r1, 'reset');
  clock('2026-01-05T07:00:00Z');
  await done(r1, 'restore');
  clock('2026-01-05T10:00:00Z');
  await move('I1', 'contained');
  clock('2026-01-05T22:00:00Z');
  await move('I1', 'eradicated');
  clock('2026-01-06T06:00:00Z');
  await move('I1', 'recovered');
  clock('2026-01-10T06:00:00Z');
  await move('I1', 'closed');
  // Action items: I1's done before its due time; I9's (an exercise) left out.
  const item1 = (await admin.call('actions.add', { ref: refs.I1!, title: 'Patch the VPN appliance', owner: 'admin', due: '2026-01-20' })).id;
  clock('2026-01-15T00:00:00Z');
  await admin.call('actions.done', { id: item1, note: 'Patched to 9.1.4' });

  // I2: start unknown, every other time entered at creation; its Art. 33 notice goes out a day late.
  clock('2026-01-12T09:00:00Z');
  await create('I2', {
    title: 'Phished payroll mailbox', severity: 'SEV2', category: 'phishing', detectedAt: '2026-01-12T09:00:00Z', triagedAt: '2026-01-12T09:15:00Z',
    containedAt: '2026-01-12T11:00:00Z', recoveredAt: '2026-01-12T21:00:00Z', closedAt: '2026-01-14T09:00:00Z',
    dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 50 }],
  });
  await admin.call('notify.facts.set', { ref: refs.I2!, patch: gdprFacts('2026-01-12T09:00:00Z', 'risk') });
  clock('2026-01-16T09:00:00Z');
  await sendNotice(admin, lena, refs.I2!, 'eu-gdpr-art33');

  // I9: an exercise, left out unless asked.
  clock('2026-01-20T00:00:00Z');
  const i9 = await create('I9', { title: 'Tabletop: ransomware', severity: 'SEV1', category: 'ransomware', exercise: true, detectedAt: '2026-01-20T00:00:00Z', containedAt: '2026-01-20T01:00:00Z' });
  await admin.call('actions.add', { ref: i9, title: 'Rehearse the call tree', owner: 'admin', due: '2026-02-01' });

  // I3: still contained; its Art. 33 obligation decided not required.
  clock('2026-02-02T00:00:00Z');
  await create('I3', {
    title: 'Infostealer on a laptop', severity: 'SEV2', category: 'malware', startedAt: '2026-02-01T00:00:00Z', detectedAt: '2026-02-02T00:00:00Z',
    dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 3 }],
  });
  await admin.call('notify.facts.set', { ref: refs.I3!, patch: gdprFacts('2026-02-02T00:00:00Z', 'risk') });
  await lena.call('notify.decide', { ref: refs.I3!, regimeId: 'eu-gdpr-art33', decision: 'not-required', reason: 'The three records were encrypted at rest; the key was not taken' });
  clock('2026-02-02T01:00:00Z');
  await move('I3', 'triaged');
  clock('2026-02-02T04:00:00Z');
  await move('I3', 'contained');
  const item3 = (await admin.call('actions.add', { ref: refs.I3!, title: 'Replace the laptop fleet', owner: 'admin', due: '2026-06-30' })).id;
  await admin.call('actions.wontDo', { id: item3, reason: 'Out of budget this year; EDR rollout instead' });

  clock('2026-02-10T10:00:00Z');
  await create('I4', {
    title: 'Credential phishing wave', severity: 'SEV3', category: 'phishing', startedAt: '2026-02-10T08:00:00Z', detectedAt: '2026-02-10T10:00:00Z',
    triagedAt: '2026-02-10T10:10:00Z', containedAt: '2026-02-10T12:00:00Z', recoveredAt: '2026-02-10T14:00:00Z', closedAt: '2026-02-11T10:00:00Z',
  });

  // I5: contained recorded before detected and before triaged, kept by an override; notices a day early and one without a fixed deadline.
  clock('2026-02-15T12:00:00Z');
  await create('I5', {
    title: 'Customer database copied', severity: 'SEV1', category: 'data-breach', startedAt: '2026-02-15T00:00:00Z', detectedAt: '2026-02-15T12:00:00Z',
    triagedAt: '2026-02-15T13:00:00Z', containedAt: '2026-02-15T10:00:00Z', recoveredAt: '2026-02-16T12:00:00Z',
    dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 1200 }],
    overrideTimeOrder: 'The firewall blocked the exfiltration before anyone noticed the alert',
  });
  await admin.call('notify.facts.set', { ref: refs.I5!, patch: gdprFacts('2026-02-15T12:00:00Z', 'high') });
  clock('2026-02-17T12:00:00Z');
  await sendNotice(admin, lena, refs.I5!, 'eu-gdpr-art33');
  await sendNotice(admin, lena, refs.I5!, 'eu-gdpr-art34');
  await admin.call('actions.add', { ref: refs.I5!, title: 'Encrypt the customer database at rest', owner: 'admin', due: '2026-03-01' });

  clock('2026-02-20T00:00:00Z');
  await create('I10', { title: 'Drill: phishing', severity: 'SEV2', category: 'phishing', exercise: true, detectedAt: '2026-02-20T00:00:00Z', containedAt: '2026-02-20T00:30:00Z' });

  clock('2026-03-01T08:00:00Z');
  await create('I6', { title: 'Intranet down', severity: 'SEV3', category: 'outage', detectedAt: '2026-03-01T08:00:00Z' });

  // I7: SEV4, raised to SEV2 and lowered again: grouped under SEV2, the highest it reached.
  clock('2026-03-05T12:00:00Z');
  await create('I7', {
    title: 'Odd admin login', severity: 'SEV4', category: 'other', startedAt: '2026-03-05T00:00:00Z', detectedAt: '2026-03-05T12:00:00Z',
    triagedAt: '2026-03-05T12:05:00Z', containedAt: '2026-03-05T13:00:00Z', recoveredAt: '2026-03-05T14:00:00Z', closedAt: '2026-03-06T12:00:00Z',
  });
  await admin.call('incidents.update', { ref: refs.I7!, patch: { severity: 'SEV2' } });
  await admin.call('incidents.update', { ref: refs.I7!, patch: { severity: 'SEV4' } });

  // Two failed sign-ins in the week of 9 March.
  for (const t of ['2026-03-09T08:00:00Z', '2026-03-09T08:05:00Z']) {
    clock(t);
    expectFailure(await stranger.attempt('auth.login', { user: 'mia', passphrase: 'not her passphrase 1' }), 'BAD_CREDENTIALS');
  }

  // I8: moved back from contained to triaged and contained again; its Art. 33 notice never goes out.
  clock('2026-03-10T02:00:00Z');
  await create('I8', { title: 'LockBit on the file servers', severity: 'SEV2', category: 'ransomware', startedAt: '2026-03-10T00:00:00Z', detectedAt: '2026-03-10T02:00:00Z', dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 400 }] });
  await admin.call('notify.facts.set', { ref: refs.I8!, patch: gdprFacts('2026-03-10T02:00:00Z', 'risk') });
  const r2 = (await admin.call('runs.start', { ref: refs.I8!, runbookId: 'kpi-contain' })).id;
  clock('2026-03-10T02:20:00Z');
  await done(r2, 'isolate');
  clock('2026-03-10T02:30:00Z');
  await move('I8', 'triaged');
  await done(r2, 'reset');
  clock('2026-03-10T03:30:00Z');
  await done(r2, 'restore');
  clock('2026-03-10T05:00:00Z');
  await move('I8', 'contained');
  clock('2026-03-10T06:00:00Z');
  await move('I8', 'triaged', 'The attacker was still on a second server');
  clock('2026-03-10T08:00:00Z');
  await move('I8', 'contained');
  clock('2026-03-10T20:00:00Z');
  await move('I8', 'eradicated');
  clock('2026-03-11T02:00:00Z');
  await move('I8', 'recovered');
  // A manager may not edit an incident: refused, and logged as auth.denied (week of 9 March).
  clock('2026-03-12T09:00:00Z');
  const item8 = (await admin.call('actions.add', { ref: refs.I8!, title: 'Segment the file servers', owner: 'admin', due: '2026-03-15' })).id;
  expectFailure(await mia.attempt('incidents.update', { ref: refs.I8!, patch: { title: 'Renamed by a manager' } }), 'FORBIDDEN');
  clock('2026-03-20T02:00:00Z');
  await move('I8', 'closed', 'Restored; the DPA notice is with legal');
  await admin.call('actions.done', { id: item8, note: 'VLANs in place' });

  // I13: the start recorded after detection (kept by an override): no time to detect.
  clock('2026-03-25T10:30:00Z');
  await create('I13', {
    title: 'Shared account used from abroad', severity: 'SEV3', category: 'account-takeover', startedAt: '2026-03-25T12:00:00Z', detectedAt: '2026-03-25T10:00:00Z',
    triagedAt: '2026-03-25T10:30:00Z', overrideTimeOrder: 'The start is the time the vendor reported, in their time zone, uncorrected',
  });
  clock('2026-03-25T11:00:00Z');
  expectFailure(await stranger.attempt('auth.login', { user: 'lena', passphrase: 'not her passphrase 2' }), 'BAD_CREDENTIALS');

  // Backups: daily at 02:00 from 26 March. 26 ✓ (quick), 27 ✓ (full, drill), 28 missed, 29 failed, 30 late catch-up never verified, 31 ✓.
  clock('2026-03-26T00:00:00Z');
  await admin.call('backups.plans.add', { name: 'share', sources: [source], includeDatabase: false, target: join(tmp, 'backups'), schedule: '0 2 * * *', rtoMinutes: 60, rpoMinutes: 1440 });
  const runAt = async (iso: string) => {
    clock(iso);
    return (await admin.call('backups.run', { name: 'share' })).id;
  };
  const b1 = await runAt('2026-03-26T02:00:00Z');
  clock('2026-03-26T03:00:00Z');
  await admin.call('backups.verify', { id: b1, level: 'quick' });
  const b2 = await runAt('2026-03-27T02:00:00Z');
  clock('2026-03-27T03:00:00Z');
  await admin.call('backups.verify', { id: b2, level: 'full' });
  clock('2026-03-27T04:00:00Z');
  await admin.call('backups.drill', { id: b2 });
  clock('2026-03-29T02:00:00Z');
  renameSync(source, `${source}.away`);
  expect((await admin.attempt('backups.run', { name: 'share' })).ok).toBe(false);
  renameSync(`${source}.away`, source);
  await runAt('2026-03-30T09:00:00Z');
  const b4 = await runAt('2026-03-31T02:00:00Z');
  clock('2026-03-31T03:00:00Z');
  await admin.call('backups.verify', { id: b4, level: 'quick' });
  await runAt('2026-03-31T12:00:00Z');

  clock('2026-04-02T00:00:00Z');
  await create('I12', { title: 'After the quarter', severity: 'SEV1', category: 'ddos', detectedAt: '2026-04-02T00:00:00Z', containedAt: '2026-04-02T01:00:00Z' });

  clock('2026-04-10T00:00:00Z');
  result = await mia.call('kpis.get', { from: '2026-01-01', to: '2026-03-31' });
  withExercises = await mia.call('kpis.get', { from: '2026-01-01', to: '2026-03-31', includeExercises: true });
  sev1 = await mia.call('kpis.get', { from: '2026-01-01', to: '2026-03-31', severity: ['SEV1'] });
}, 180_000);

afterAll(() => {
  v?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const metric = (r: KpiResult, id: string): DurationMetric => {
  const m = r.durations.find((d) => d.id === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m;
};
const stats = (inScope: number, n: number, missing: number, outOfOrder: number, median: number | null, p90: number | null, mean: number | null): DurationStats => ({
  inScope, n, missing, outOfOrder, coverage: inScope === 0 ? null : n / inScope, median, p90, mean,
});

describe('the hand-computed fixture', () => {
  it('scope: nine incidents detected in Q1, two exercises left out', () => {
    // I1 I2 I3 I4 I5 I6 I7 I8 I13; not I11 (December), I12 (April), I9 and I10 (exercises).
    expect(result.incidents).toBe(9);
    expect(result.exercisesExcluded).toBe(2);
    expect(withExercises.incidents).toBe(11);
    expect(withExercises.exercisesExcluded).toBe(0);
    expect(result.asOf).toBe('2026-04-01T00:00:00.000Z');
  });

  it('time to detect: unknown starts lower coverage, a start after detection is a data problem', () => {
    // I1 6 h, I3 24 h, I4 2 h, I5 12 h, I7 12 h, I8 2 h → 7200 7200 21600 43200 43200 86400; I2, I6 unknown; I13 out of order.
    // median rank ⌈6/2⌉ = 3 → 21600; p90 rank ⌈5.4⌉ = 6 → 86400; mean 208800 / 6 = 34800.
    expect(metric(result, 'timeToDetect').overall).toEqual(stats(9, 6, 2, 1, 21_600, 86_400, 34_800));
  });

  it('time to triage', () => {
    // I1 1800, I2 900, I3 3600, I4 600, I5 3600, I7 300, I8 1800, I13 1800; I6 not triaged.
    // sorted 300 600 900 1800 1800 1800 3600 3600: median rank 4 → 1800; p90 rank ⌈7.2⌉ = 8 → 3600; mean 14400 / 8 = 1800.
    expect(metric(result, 'timeToTriage').overall).toEqual(stats(9, 8, 1, 0, 1800, 3600, 1800));
  });

  it('time to contain, overall and grouped by highest severity, category, month and quarter', () => {
    // I1 4 h, I2 2 h, I3 4 h, I4 2 h, I7 1 h, I8 6 h (contained again at 08:00 after the move back); I5 out of order; I6, I13 not contained.
    // sorted 3600 7200 7200 14400 14400 21600: median rank 3 → 7200; p90 rank 6 → 21600; mean 68400 / 6 = 11400.
    const m = metric(result, 'timeToContain');
    expect(m.overall).toEqual(stats(9, 6, 2, 1, 7200, 21_600, 11_400));
    // SEV1: I1 14400, I5 out of order. SEV2: I2 7200, I3 14400, I7 3600 (raised to SEV2 once), I8 21600 →
    // sorted 3600 7200 14400 21600: median rank 2 → 7200, p90 rank 4 → 21600, mean 11700. SEV3: I4 7200; I6, I13 unknown. SEV4: nobody.
    expect(m.bySeverity).toEqual([
      { key: 'SEV1', stats: stats(2, 1, 0, 1, 14_400, 14_400, 14_400) },
      { key: 'SEV2', stats: stats(4, 4, 0, 0, 7200, 21_600, 11_700) },
      { key: 'SEV3', stats: stats(3, 1, 2, 0, 7200, 7200, 7200) },
      { key: 'SEV4', stats: stats(0, 0, 0, 0, null, null, null) },
    ]);
    // ransomware: I1 14400, I8 21600 → median 14400 (rank 1), p90 21600 (rank 2), mean 18000.
    expect(m.byCategory.find((g) => g.key === 'ransomware')?.stats).toEqual(stats(2, 2, 0, 0, 14_400, 21_600, 18_000));
    // Categories nobody had are not listed.
    expect(m.byCategory.map((g) => g.key).sort()).toEqual(['account-takeover', 'data-breach', 'malware', 'other', 'outage', 'phishing', 'ransomware']);
    // January: I1 14400, I2 7200. February: I3 14400, I4 7200, I5 out of order. March: I7 3600, I8 21600, I6 and I13 unknown.
    expect(m.byMonth).toEqual([
      { key: '2026-01', stats: stats(2, 2, 0, 0, 7200, 14_400, 10_800) },
      { key: '2026-02', stats: stats(3, 2, 0, 1, 7200, 14_400, 10_800) },
      { key: '2026-03', stats: stats(4, 2, 2, 0, 3600, 21_600, 12_600) },
    ]);
    expect(m.byQuarter).toEqual([{ key: '2026-Q1', stats: m.overall }]);
  });

  it('time to recover and to close: open incidents lower coverage', () => {
    // recover: I1 24 h, I2 12 h, I4 4 h, I5 24 h, I7 2 h, I8 24 h → 7200 14400 43200 86400 86400 86400: median rank 3 → 43200, p90 rank 6 → 86400, mean 324000 / 6 = 54000.
    expect(metric(result, 'timeToRecover').overall).toEqual(stats(9, 6, 3, 0, 43_200, 86_400, 54_000));
    // close: I1 5 d, I2 2 d, I4 1 d, I7 1 d, I8 10 d → 86400 86400 172800 432000 864000: median rank 3 → 172800, p90 rank ⌈4.5⌉ = 5 → 864000, mean 1641600 / 5 = 328320.
    expect(metric(result, 'timeToClose').overall).toEqual(stats(9, 5, 4, 0, 172_800, 864_000, 328_320));
  });

  it('time in each phase comes from the status changes, moves back included', () => {
    // Moved: I1, I3, I8. Everyone else is still in detected (a time entered ahead is not a move).
    // detected: I1 30 min, I3 1 h, I8 30 min → median 1800, p90 3600, mean 2400; six still in it.
    expect(metric(result, 'timeIn_detected').overall).toEqual(stats(9, 3, 6, 0, 1800, 3600, 2400));
    // triaged: I1 3.5 h (06:30→10:00); I3 3 h; I8 2.5 h + 2 h (back) = 16200 → 10800 12600 16200: median 12600, p90 16200, mean 13200.
    expect(metric(result, 'timeIn_triaged').overall).toEqual(stats(3, 3, 0, 0, 12_600, 16_200, 13_200));
    // contained: I1 12 h (10:00→22:00); I8 1 h + 12 h = 46800; I3 still contained.
    expect(metric(result, 'timeIn_contained').overall).toEqual(stats(3, 2, 1, 0, 43_200, 46_800, 45_000));
    // eradicated: I1 8 h, I8 6 h. recovered: I1 4 d, I8 9 d.
    expect(metric(result, 'timeIn_eradicated').overall).toEqual(stats(2, 2, 0, 0, 21_600, 28_800, 25_200));
    expect(metric(result, 'timeIn_recovered').overall).toEqual(stats(2, 2, 0, 0, 4 * D, 9 * D, 6.5 * D));
  });

  it('data problems name the incident, every pair out of order, and the override reason', () => {
    expect(result.dataProblemCount).toBe(2);
    expect(result.dataProblems).toEqual([
      {
        kind: 'time-order', ref: refs.I5, title: 'Customer database copied', reason: 'The firewall blocked the exfiltration before anyone noticed the alert',
        pairs: [
          { earlier: 'detected', earlierAt: '2026-02-15T12:00:00Z', later: 'contained', laterAt: '2026-02-15T10:00:00Z' },
          { earlier: 'triaged', earlierAt: '2026-02-15T13:00:00Z', later: 'contained', laterAt: '2026-02-15T10:00:00Z' },
        ],
      },
      {
        kind: 'time-order', ref: refs.I13, title: 'Shared account used from abroad', reason: 'The start is the time the vendor reported, in their time zone, uncorrected',
        // 12:00 is after detection (10:00) and after triage (10:30): two pairs.
        pairs: [
          { earlier: 'started', earlierAt: '2026-03-25T12:00:00Z', later: 'detected', laterAt: '2026-03-25T10:00:00Z' },
          { earlier: 'started', earlierAt: '2026-03-25T12:00:00Z', later: 'triaged', laterAt: '2026-03-25T10:30:00Z' },
        ],
      },
    ]);
    // Each says which figures it leaves out — and a pair no duration runs across leaves out none (user test, finding 4).
    expect(result.dataProblems.map(dataProblemEffect)).toEqual(['left out: Time to contain', 'left out: Time to detect']);
    expect(dataProblemEffect({ kind: 'time-order', pairs: [{ earlier: 'triaged', later: 'contained' }] })).toBe('none of the figures use this pair');
    expect(dataProblemEffect({ kind: 'status-order', phase: 'triaged' })).toBe('left out: Time in triaged (this stay)');
    // Never a negative duration anywhere.
    for (const d of result.durations) for (const s of [d.overall, ...d.byMonth.map((g) => g.stats)]) for (const x of [s.median, s.p90, s.mean]) expect(x ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('exercises count when asked; a severity filter uses the highest severity', () => {
    // + I9 1 h, I10 30 min: 1800 3600 3600 7200 7200 14400 14400 21600 → median rank 4 → 7200, p90 rank 8 → 21600, mean 73800 / 8 = 9225.
    expect(metric(withExercises, 'timeToContain').overall).toEqual(stats(11, 8, 2, 1, 7200, 21_600, 9225));
    // SEV1: I1 and I5 only (I9 is an exercise).
    expect(sev1.incidents).toBe(2);
    expect(metric(sev1, 'timeToContain').overall).toEqual(stats(2, 1, 0, 1, 14_400, 14_400, 14_400));
  });

  it('notify assess marks only a notice sent on time with a check; a late one says SENT LATE (user test, finding 11)', async () => {
    const late = formatAssessment(await v.admin.call('notify.assess', { ref: refs.I2! }), 'UTC');
    expect(late).toMatch(/SENT LATE .* — LATE by 1 d 0 h/);
    expect(late).not.toContain('✓');
    expect(formatAssessment(await v.admin.call('notify.assess', { ref: refs.I5! }), 'UTC')).toMatch(/SENT ✓ .* before the deadline/);
  });

  it('notifications: on time, late, not sent, no fixed deadline, decided not required', () => {
    const n = result.notifications;
    // Assessed: I2, I3, I5, I8. Art. 33 due: I2 (sent a day late), I5 (a day early), I8 (never sent); I3's decided not required.
    expect(n).toMatchObject({ assessedIncidents: 4, due: 3, onTime: 1, sentLate: 1, unsentPastDue: 1, rate: 1 / 3, sentWithoutDeadline: 1, openOverdue: 1 });
    // Margins +86400 (I5) and -86400 (I2): median rank 1 → -86400, p90 rank 2 → 86400, mean 0.
    expect(n.margin).toEqual({ n: 2, median: -D, p90: D, mean: 0 });
    expect(n.openOverdueList).toEqual([{ ref: refs.I8, regimeId: 'eu-gdpr-art33', regimeName: expect.any(String) as string, stageTitle: expect.any(String) as string, due: '2026-03-13T02:00:00.000Z' }]);
    expect(n.byMonth).toEqual([
      { key: '2026-01', due: 1, onTime: 0, rate: 0 },
      { key: '2026-02', due: 1, onTime: 1, rate: 1 },
      { key: '2026-03', due: 1, onTime: 0, rate: 0 },
    ]);
    expect(n.bySeverity.map((g) => [g.key, g.due, g.onTime])).toEqual([['SEV1', 1, 1], ['SEV2', 2, 0], ['SEV3', 0, 0], ['SEV4', 0, 0]]);
  });

  it('backups: every fire time is a slot; missed and failed runs count against the rate', () => {
    const plan = result.backups.plans.find((p) => p.plan === 'share');
    // 26–31 March at 02:00: six slots. 26, 27, 31 verified; 30 completed unverified; 29 failed; 28 nothing.
    expect(plan).toMatchObject({ scheduled: 6, succeeded: 3, unverified: 1, failed: 1, missed: 1, rate: 0.5, rpoSeconds: D, rtoSeconds: H, withinRpo: true });
    // The newest verified backup at the period's end (1 April 00:00): 31 March 02:00, 22 h old.
    expect(plan?.newestVerified).toMatchObject({ finishedAt: '2026-03-31T02:00:00.000Z', ageSeconds: 22 * H });
    expect(result.backups).toMatchObject({ scheduled: 6, succeeded: 3, unverified: 1, failed: 1, missed: 1, rate: 0.5 });
  });

  it('drills: the restore time as measured and recorded, against the RTO', async () => {
    const drills = await v.admin.call('backups.checks', { level: 'drill' });
    expect(drills).toHaveLength(1);
    const recorded = drills[0]!.restoreSeconds!;
    expect(result.drills).toMatchObject({ restore: { n: 1, median: recorded, p90: recorded, mean: recorded }, withinRto: 1, overRto: 0, noRto: 0, failed: 0 });
    expect(result.drills.points).toEqual([{ at: '2026-03-27T04:00:00.000Z', plan: 'share', backupId: drills[0]!.backupId, ok: true, restoreSeconds: recorded, rtoSeconds: H, withinRto: true }]);
  });

  it('runbooks: each step\'s working time and each phase\'s span', () => {
    const rb = result.runbooks.find((r) => r.runbookId === 'kpi-contain');
    expect(rb?.runs).toBe(2);
    // isolate: I1 600, I8 1200. reset: I1 1200 (06:10→06:30), I8 600. restore: I1 1800, I8 3600.
    expect(rb?.steps.map((s) => [s.stepId, s.stats])).toEqual([
      ['isolate', { n: 2, median: 600, p90: 1200, mean: 900 }],
      ['reset', { n: 2, median: 600, p90: 1200, mean: 900 }],
      ['restore', { n: 2, median: 1800, p90: 3600, mean: 2700 }],
    ]);
    // Containment: first available to last done — I1 06:00→06:30, I8 02:00→02:30. Recovery: the restore step alone.
    expect(rb?.phases).toEqual([
      { picerl: 'Containment', stats: { n: 2, median: 1800, p90: 1800, mean: 1800 }, unfinished: 0 },
      { picerl: 'Recovery', stats: { n: 2, median: 1800, p90: 3600, mean: 2700 }, unfinished: 0 },
    ]);
  });

  it('security: failed sign-ins and refused requests per ISO week', () => {
    const s = result.security;
    // Q1 2026 touches 14 ISO weeks, from Monday 29 December 2025 to Monday 30 March.
    expect(s.failedSignInsByWeek).toHaveLength(14);
    expect(s.failedSignInsByWeek[0]?.week).toBe('2025-12-29');
    expect(s.failedSignIns).toBe(3);
    expect(s.failedSignInsByWeek.filter((w) => w.count > 0)).toEqual([{ week: '2026-03-09', count: 2 }, { week: '2026-03-23', count: 1 }]);
    expect(s.refusedRequests).toBe(1);
    expect(s.refusedRequestsByWeek.filter((w) => w.count > 0)).toEqual([{ week: '2026-03-09', count: 1 }]);
  });

  it('action items of the incidents in scope: open and overdue, done on time and late, won\'t do', () => {
    // I5's (due 1 March, still open on 10 April), I1's (done 15 Jan, due 20 Jan), I8's (done 20 March, due 15 March), I3's (won't do); I9 is an exercise.
    expect(result.actionItems).toEqual({ open: 1, overdue: 1, closedOnTime: 1, closedLate: 1, wontDo: 1 });
    expect(withExercises.actionItems).toEqual({ open: 2, overdue: 2, closedOnTime: 1, closedLate: 1, wontDo: 1 });
  });

  it('the previous period of a quarter is the calendar quarter before (Q4 2025), with I11 only', () => {
    expect(result.previous).toMatchObject({ from: '2025-10-01', to: '2025-12-31', incidents: 1 });
    expect(result.previous.durations.find((d) => d.id === 'timeToContain')).toEqual({ id: 'timeToContain', n: 1, coverage: 1, median: 5 * H });
  });

  it('the previous period\'s headline follows a correction made after it was computed', async () => {
    const mia = await v.signIn('mia');
    expect((await mia.call('kpis.get', { from: '2026-01-01', to: '2026-03-31' })).previous.durations.find((d) => d.id === 'timeToContain')?.median).toBe(5 * H);
    await v.admin.call('incidents.update', { ref: refs.I11!, patch: { containedAt: '2025-12-01T03:00:00Z' } });
    expect((await mia.call('kpis.get', { from: '2026-01-01', to: '2026-03-31' })).previous.durations.find((d) => d.id === 'timeToContain')?.median).toBe(3 * H);
  });

  it('refuses a period that ends before it starts, and one of more than ten years, naming the fix', async () => {
    const back = await v.admin.attempt('kpis.get', { from: '2026-03-31', to: '2026-01-01' });
    expect(expectFailure(back, 'VALIDATION').message).toBe('invalid input for kpis.get: to: "to" must be on or after "from" (2026-03-31 to 2026-01-01 ends before it starts)');
    const long = await v.admin.attempt('kpis.get', { from: '2000-01-01', to: '2026-01-01' });
    expect(expectFailure(long, 'VALIDATION').message).toMatch(/2000-01-01 to 2026-01-01 is 9,498 days: a period covers at most 3,700 days \(about ten years\)/);
    expect(expectFailure(await v.admin.attempt('kpis.get', { from: '2026-1-1', to: '2026-03-31' }), 'VALIDATION').message).toMatch(/YYYY-MM-DD/);
    expect(expectFailure(await v.admin.attempt('kpis.get', { from: '2026-02-30', to: '2026-03-31' }), 'VALIDATION').message).toMatch(/from: 2026-02-30 is not a calendar date$/);
  });
});

describe('firebreak kpi', () => {
  const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS, TZ: 'UTC' };
  it('--json gives the same figures, durations in seconds with n, coverage, median, p90 and mean', async () => {
    const run = await runCli(['kpi', '--data-dir', join(tmp, 'vault'), '--from', '2026-01-01', '--to', '2026-03-31', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as KpiResult;
    expect(metric(parsed, 'timeToContain').overall).toEqual(stats(9, 6, 2, 1, 7200, 21_600, 11_400));
    expect(metric(parsed, 'timeToDetect').overall).toEqual(stats(9, 6, 2, 1, 21_600, 86_400, 34_800));
    expect(parsed.dataProblemCount).toBe(2);
    expect(parsed.backups.rate).toBe(0.5);
  });

  it('the table rounds for reading, flags coverage below 100% and names the data problems', async () => {
    const run = await runCli(['kpi', '--data-dir', join(tmp, 'vault'), '--from', '2026-01-01', '--to', '2026-03-31'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('9 incidents detected (2 exercises left out)');
    expect(run.stdout).toMatch(/Time to contain +6 +9 +66\.7% ! +2\.0 h +6\.0 h +3\.2 h +2 +1/);
    expect(run.stdout).toContain('Notifications: 1 of 3 on time (33.3%); 1 sent late, 1 not sent by the deadline');
    expect(run.stdout).toContain(`${refs.I5} Customer database copied: contained 2026-02-15T10:00:00Z is before detected 2026-02-15T12:00:00Z`);
    expect(run.stdout).toMatch(new RegExp(`${refs.I5} .* — left out: Time to contain\n`));
  });

  it('--csv: one row per metric and group; a bad date is a usage error', async () => {
    const run = await runCli(['kpi', '--data-dir', join(tmp, 'vault'), '--from', '2026-01-01', '--to', '2026-03-31', '--csv'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('section,metric,group,key,in_scope,n,missing,out_of_order,coverage,median,p90,mean,value,unit');
    // 9 in scope, 6 counted, 2 unknown, 1 out of order, coverage 6/9.
    expect(lines).toContain(`duration,timeToContain,all,,9,6,2,1,${6 / 9},7200,21600,11400,,s`);
    expect(lines).toContain('duration,timeToContain,severity,SEV2,4,4,0,0,1,7200,21600,11700,,s');
    expect(lines).toContain('duration,timeToContain,month,2026-03,4,2,2,0,0.5,3600,21600,12600,,s');
    expect(lines).toContain('backups,successRate,plan,share,,6,,,,,,,0.5,fraction');
    expect(lines).toContain('security,failedSignIns,week,2026-03-09,,,,,,,,,2,count');
    const bad = await runCli(['kpi', '--data-dir', join(tmp, 'vault'), '--from', '1 Jan', '--csv'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from: give a date as YYYY-MM-DD/);
    // Every invalid value is a usage error, exit 2 (docs/cli.md, Exit codes), in the options' own words.
    const cases: [string[], string][] = [
      [['--from', '2026-02-30'], 'firebreak: --from: 2026-02-30 is not a calendar date\n'],
      [['--from', '2026-03-31', '--to', '2026-01-01'], 'firebreak: --to must be on or after --from (2026-03-31 to 2026-01-01 ends before it starts)\n'],
      [['--from', '2000-01-01', '--to', '2026-01-01'], 'firebreak: 2000-01-01 to 2026-01-01 is 9,498 days: a period covers at most 3,700 days (about ten years); pick a later --from or an earlier --to\n'],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(['kpi', '--data-dir', join(tmp, 'vault'), ...args], env)));
    runs.forEach((r, i) => {
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(cases[i]![1]);
    });
  });
});
