import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BreachFactsPatch } from '../../../contract';
import { clientFor, expectFailure, type TestClient } from '../../helpers/client';
import type { TestVault } from '../../helpers/testVault';
import { HOSTILE, MARKERS } from './reportFixture';

/** The quarter the fixture fills; the clock ends on 10 April 2026, after it. */
export const QUARTER = { from: '2026-01-01', to: '2026-03-31' } as const;

/** Facts that leave exactly GDPR Art. 33 (72 h, the authority) and, at high risk, Art. 34 (no fixed deadline). */
const gdprFacts = (awareAt: string, risk: 'risk' | 'high'): BreachFactsPatch => ({
  personalData: true, awareAt, discoveredAt: awareAt, determinedAt: awareAt, encrypted: false, riskToIndividuals: risk,
  secRegistrant: false, nydfsCoveredEntity: false, nis2Entity: 'none', doraFinancialEntity: false, hipaaCoveredEntity: false,
});

const RUNBOOK = `format: 1
id: period-contain
title: Contain and restore
version: 1.0.0
summary: Two steps, to time them.
appliesTo: { categories: [ransomware], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: isolate, kind: task, title: Isolate hosts, phase: { csf: Respond, picerl: Containment } }
  - { id: restore, kind: task, title: Restore service, requires: [isolate], phase: { csf: Recover, picerl: Recovery } }
`;

export interface PeriodFixture {
  /** I0 in December (the previous period), I1 I2 I5 I8 in the quarter, I9 an exercise in it, I12 in April. */
  refs: Record<'I0' | 'I1' | 'I2' | 'I5' | 'I8' | 'I9' | 'I12', string>;
}

async function sendNotice(admin: TestClient, ref: string, regimeId: string): Promise<void> {
  let draft = await admin.call('notify.drafts.create', { ref, regimeId });
  if (draft.placeholders.length > 0) draft = await admin.call('notify.drafts.revise', { id: draft.id, body: draft.body.replace(/\[\[MISSING: [^\]]*\]\]/g, 'not yet known') });
  await admin.call('notify.drafts.approve', { id: draft.id });
  await admin.call('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Supervisory authority portal' });
}

/**
 * A small Q1 2026 with data for every section of the period report, built through the API in time
 * order (the vault's clock moves): incidents with their times (one pair out of order, kept by an
 * override whose reason names the reporter), personal fields holding the reports' marker values,
 * a hostile title, notices sent late, early, without a deadline and never, action items done, open
 * and overdue, a runbook run, a failed sign-in, a backup plan with a verified run, missed runs and a
 * drill, an exercise, and incidents before and after the quarter. Backups fire by node-cron's local
 * time: the test file sets TZ=UTC.
 */
export async function buildPeriodFixture(v: TestVault, source: string): Promise<PeriodFixture> {
  const admin = v.admin;
  const clock = (iso: string) => {
    v.clock.ms = Date.parse(iso);
  };
  const refs = {} as PeriodFixture['refs'];
  const create = async (key: keyof PeriodFixture['refs'], input: Parameters<TestClient['call']>[1] & object) => {
    refs[key] = (await admin.call('incidents.create', input as never)).ref;
    return refs[key];
  };
  const person = { reporterName: MARKERS.reporterName, reporterEmail: MARKERS.reporterEmail, reporterPhone: MARKERS.reporterPhone, affectedPeople: [MARKERS.affectedPerson] };
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'figures.txt'), 'quarterly figures\n');
  await admin.call('runbooks.import', { name: 'period-contain.yaml', text: RUNBOOK });

  clock('2025-12-01T06:00:00Z');
  await create('I0', { title: 'Worm on the lab network', severity: 'SEV2', category: 'malware', detectedAt: '2025-12-01T00:00:00Z', containedAt: '2025-12-01T05:00:00Z' });

  // I1: every time known (contained after 4 h), a runbook run, an action item done on time.
  clock('2026-01-05T06:00:00Z');
  await create('I1', {
    title: `Ransom note on FS01 ${HOSTILE}`, severity: 'SEV1', category: 'ransomware', startedAt: '2026-01-05T00:00:00Z', detectedAt: '2026-01-05T06:00:00Z',
    triagedAt: '2026-01-05T06:30:00Z', containedAt: '2026-01-05T10:00:00Z', recoveredAt: '2026-01-06T06:00:00Z', closedAt: '2026-01-10T06:00:00Z', ...person,
  });
  const run = (await admin.call('runs.start', { ref: refs.I1, runbookId: 'period-contain' })).id;
  clock('2026-01-05T06:20:00Z');
  await admin.call('runs.act', { runId: run, action: { type: 'done', step: 'isolate' } });
  clock('2026-01-05T08:00:00Z');
  await admin.call('runs.act', { runId: run, action: { type: 'done', step: 'restore' } });
  const patch = (await admin.call('actions.add', { ref: refs.I1, title: 'Patch the VPN appliance', owner: 'admin', due: '2026-01-20' })).id;
  clock('2026-01-15T00:00:00Z');
  await admin.call('actions.done', { id: patch, note: 'Patched to 9.1.4' });

  // I2: contained after 2 h; its Art. 33 notice (72 h) goes out a day late.
  clock('2026-01-12T09:00:00Z');
  await create('I2', {
    title: 'Phished payroll mailbox', severity: 'SEV2', category: 'phishing', detectedAt: '2026-01-12T09:00:00Z', triagedAt: '2026-01-12T09:15:00Z',
    containedAt: '2026-01-12T11:00:00Z', dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 50 }], reporterEmail: MARKERS.reporterEmail,
  });
  await admin.call('notify.facts.set', { ref: refs.I2, patch: gdprFacts('2026-01-12T09:00:00Z', 'risk') });
  clock('2026-01-16T09:00:00Z');
  await sendNotice(admin, refs.I2, 'eu-gdpr-art33');

  // I5: contained recorded before detected, kept by an override that names the reporter; notices a day early and one without a deadline.
  clock('2026-02-15T12:00:00Z');
  await create('I5', {
    title: 'Customer database copied', severity: 'SEV1', category: 'data-breach', startedAt: '2026-02-15T00:00:00Z', detectedAt: '2026-02-15T12:00:00Z',
    triagedAt: '2026-02-15T13:00:00Z', containedAt: '2026-02-15T10:00:00Z', dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 1200 }], ...person,
    overrideTimeOrder: `The firewall blocked the copy before the alert was read; ${MARKERS.reporterName} confirmed it`,
  });
  await admin.call('notify.facts.set', { ref: refs.I5, patch: gdprFacts('2026-02-15T12:00:00Z', 'high') });
  await admin.call('actions.add', { ref: refs.I5, title: 'Encrypt the customer database at rest', owner: 'admin', due: '2026-03-01' });
  clock('2026-02-17T12:00:00Z');
  await sendNotice(admin, refs.I5, 'eu-gdpr-art33');
  await sendNotice(admin, refs.I5, 'eu-gdpr-art34');

  // I9: an exercise, left out unless asked.
  clock('2026-02-20T00:00:00Z');
  await create('I9', { title: 'Tabletop: ransomware on the ERP', severity: 'SEV1', category: 'ransomware', exercise: true, detectedAt: '2026-02-20T00:00:00Z', containedAt: '2026-02-20T01:00:00Z' });
  await admin.call('actions.add', { ref: refs.I9, title: 'Rehearse the call tree', owner: 'admin', due: '2026-05-01' });

  // I8: still open; its Art. 33 notice never goes out (due 13 March 02:00).
  clock('2026-03-10T02:00:00Z');
  await create('I8', { title: 'LockBit on the file servers', severity: 'SEV2', category: 'ransomware', detectedAt: '2026-03-10T02:00:00Z', dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 400 }] });
  await admin.call('notify.facts.set', { ref: refs.I8, patch: gdprFacts('2026-03-10T02:00:00Z', 'risk') });
  await admin.call('actions.add', { ref: refs.I8, title: 'Segment the file servers', owner: 'admin', due: '2026-06-30' });
  // A failed sign-in in the week of 9 March.
  const stranger = clientFor(v.backend, v.backend.newConnection('test'));
  expectFailure(await stranger.attempt('auth.login', { user: 'admin', passphrase: 'not the passphrase 1' }), 'BAD_CREDENTIALS');

  // Backups: daily at 02:00 from 29 March. 29 missed, 30 completed, verified and drilled, 31 missed.
  clock('2026-03-29T00:00:00Z');
  await admin.call('backups.plans.add', { name: 'share', sources: [source], includeDatabase: false, target: join(source, '..', 'backups'), schedule: '0 2 * * *', rtoMinutes: 60, rpoMinutes: 1440 });
  clock('2026-03-30T02:00:00Z');
  const b = (await admin.call('backups.run', { name: 'share' })).id;
  clock('2026-03-30T03:00:00Z');
  await admin.call('backups.verify', { id: b, level: 'full' });
  clock('2026-03-30T04:00:00Z');
  await admin.call('backups.drill', { id: b });

  clock('2026-04-02T00:00:00Z');
  await create('I12', { title: 'After the quarter', severity: 'SEV1', category: 'ddos', detectedAt: '2026-04-02T00:00:00Z', containedAt: '2026-04-02T01:00:00Z' });
  clock('2026-04-10T00:00:00Z');
  return { refs };
}
