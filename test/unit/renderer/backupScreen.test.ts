import { describe, expect, it } from 'vitest';
import type { ApiError, BackupCheck, BackupScheduleStatus, BackupSummary, PlanRunStatus } from '../../../contract';
import { archiveFolders } from '../../../renderer/lib/archiveFolders';
import { describeDrill } from '../../../renderer/lib/describeDrill';
import { drillTrend } from '../../../renderer/lib/drillTrend';
import { formatMinutes } from '../../../renderer/lib/formatMinutes';
import { formatRetention } from '../../../renderer/lib/formatRetention';
import { formatSeconds } from '../../../renderer/lib/formatSeconds';
import { latestChecksOf } from '../../../renderer/lib/latestChecksOf';
import { EMPTY_PLAN_FORM, planInputFrom } from '../../../renderer/lib/planInputFrom';
import { planIssuesByField } from '../../../renderer/lib/planIssuesByField';
import { scheduleProblems } from '../../../renderer/lib/scheduleProblems';

const drill = (over: Partial<BackupCheck> = {}): BackupCheck => ({
  backupId: 'nightly-20261122T023000Z-4f09c1', level: 'drill', at: '2026-11-22T03:00:00.000Z', ok: true, problems: [],
  files: 7, bytes: 1024, restoreSeconds: 12.3, rtoSeconds: 1800, rpoSeconds: 1800, ...over,
});

describe('planInputFrom', () => {
  it('sends lists one per line, blank optional numbers left out, no schedule as null', () => {
    const { input, errors } = planInputFrom({
      ...EMPTY_PLAN_FORM, name: ' nightly ', sources: '/srv/share\n\n  /var/log/app  \r\n', target: ' /mnt/backup ', exclude: '**/*.tmp',
      keepLast: '7', keepMonthly: ' 6 ', rtoMinutes: '30', fullEvery: '',
    });
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'nightly', sources: ['/srv/share', '/var/log/app'], target: '/mnt/backup', exclude: ['**/*.tmp'], schedule: null,
      verifySchedule: null, verifyLevel: 'full', retention: { keepLast: 7, keepMonthly: 6 }, rtoMinutes: 30, rpoMinutes: null, includeDatabase: true, recipients: [],
    });
  });

  it('keeps the cron expressions, the verification level and the full-every count', () => {
    expect(planInputFrom({ ...EMPTY_PLAN_FORM, schedule: ' 30 2 * * * ', verifySchedule: ' 0 6 * * 0', verifyLevel: 'quick' }).input)
      .toMatchObject({ schedule: '30 2 * * *', verifySchedule: '0 6 * * 0', verifyLevel: 'quick', fullEvery: 7 });
  });

  it('refuses a number that is not whole, and sends nothing', () => {
    const { input, errors } = planInputFrom({ ...EMPTY_PLAN_FORM, keepWeekly: '1.5', rpoMinutes: '-3' });
    expect(input).toBeNull();
    expect(errors).toEqual({ keepWeekly: 'A whole number', rpoMinutes: 'A whole number' });
  });
});

describe('planIssuesByField', () => {
  const validation = (issues: string[]): ApiError => ({ code: 'VALIDATION', message: issues[0] ?? '', issues });

  it('puts schema issues at their field, list lines and retention rules included', () => {
    const r = planIssuesByField(validation([
      'name: lower-case words joined by hyphens', 'sources.1: Too small', 'retention.keepLast: Too big', 'rtoMinutes: Too small: expected number to be >=1',
      'recipients.0: an age recipient (age1…)', '(input): Unrecognized key',
    ]));
    expect(r.fields).toEqual({
      name: 'Lower-case words joined by hyphens', sources: 'Line 2: Too small', keepLast: 'Too big',
      rtoMinutes: 'Too small: expected number to be >=1', recipients: 'Line 1: an age recipient (age1…)',
    });
    expect(r.other).toEqual(['(input): Unrecognized key']);
  });

  it("puts the plan store's sentences at the field they name", () => {
    const r = planIssuesByField(validation([
      'source /srv/gone does not exist', 'target /srv/share/b is inside source /srv/share: the backup would contain itself',
      'schedule "nope" is not a cron expression (e.g. "30 2 * * *" for 02:30 every day)', 'a plan needs at least one source (or the Firebreak database)',
      'verifySchedule: verification schedule "sundays" is not a cron expression (e.g. "0 6 * * 0" for 06:00 every Sunday)',
    ]));
    expect(r.fields.verifySchedule).toMatch(/^Verification schedule "sundays" is not a cron expression/);
    expect(r.fields.sources).toBe('Source /srv/gone does not exist');
    expect(r.fields.target).toBe('Target /srv/share/b is inside source /srv/share: the backup would contain itself');
    expect(r.fields.schedule).toMatch(/^Schedule "nope" is not a cron expression/);
    expect(r.other).toEqual([]);
  });

  it('an existing name goes to the name field, other refusals stay general', () => {
    expect(planIssuesByField({ code: 'ALREADY_EXISTS', message: 'a backup plan "nightly" already exists' }).fields).toEqual({ name: 'A backup plan "nightly" already exists' });
    expect(planIssuesByField({ code: 'FORBIDDEN', message: 'no' })).toEqual({ fields: {}, other: ['no'] });
    expect(planIssuesByField(null)).toEqual({ fields: {}, other: [] });
  });
});

describe('describeDrill', () => {
  it('says the restore time against the RTO and the age against the RPO', () => {
    expect(describeDrill(drill(), 1440)).toEqual({ rto: '12.3 s of 30 min RTO — met', rtoMet: true, rpo: 'backup 30 min old of a 1 d RPO — met', rpoMet: true });
  });

  it('says missed when over', () => {
    const words = describeDrill(drill({ restoreSeconds: 2400, rpoSeconds: 7200 }), 60);
    expect(words.rto).toBe('40 min of 30 min RTO — missed');
    expect(words.rpo).toBe('backup 2 h 00 min old of a 1 h RPO — missed');
    expect([words.rtoMet, words.rpoMet]).toEqual([false, false]);
  });

  it('says when no objective is set', () => {
    expect(describeDrill(drill({ rtoSeconds: null, restoreSeconds: 0.04 }), null)).toMatchObject({ rto: '0.04 s (no RTO set)', rtoMet: null, rpoMet: null });
  });
});

describe('drillTrend', () => {
  it('draws drills oldest first, skipping other checks and repeats, with the RTO line when it fits', () => {
    const a = drill({ at: '2026-11-22T03:00:00.000Z', restoreSeconds: 10 });
    const b = drill({ at: '2026-11-21T03:00:00.000Z', restoreSeconds: 20, ok: false });
    const t = drillTrend([a, b, a, drill({ level: 'full', restoreSeconds: null })], 30, 360, 96);
    expect(t.bars.map((x) => [x.seconds, x.ok])).toEqual([[20, false], [10, true]]);
    expect(t.scaleSeconds).toBeCloseTo(34.5);
    const [older, newer] = t.bars;
    expect(older && newer && older.height > newer.height).toBe(true);
    expect(older && newer && older.x < newer.x).toBe(true);
    expect(older?.y).toBeCloseTo(t.baseY - (older?.height ?? 0));
    expect(t.rtoY).not.toBeNull();
    expect(t.rtoY ?? 0).toBeLessThan(older?.y ?? 0);
    expect(t.rtoOffChart).toBe(false);
  });

  it('names an RTO far above every drill instead of flattening the bars', () => {
    const t = drillTrend([drill({ restoreSeconds: 0.04 })], 1800, 360, 96);
    expect(t.rtoY).toBeNull();
    expect(t.rtoOffChart).toBe(true);
    expect(t.bars[0]?.height).toBeGreaterThan(50);
  });

  it('keeps the newest 20', () => {
    const many = Array.from({ length: 25 }, (_, i) => drill({ at: `2026-11-${String(i + 1).padStart(2, '0')}T03:00:00.000Z`, restoreSeconds: i + 1 }));
    const t = drillTrend(many, null, 360, 96);
    expect(t.bars).toHaveLength(20);
    expect(t.bars[0]?.seconds).toBe(6);
    expect(t.bars.every((x) => x.x >= 0 && x.x + x.width <= 360 && x.y >= 0 && x.y + x.height <= 96)).toBe(true);
  });
});

describe('plan and backup wording', () => {
  it('formats objectives, times and retention', () => {
    expect([formatMinutes(30), formatMinutes(90), formatMinutes(240), formatMinutes(1440), formatMinutes(2880)]).toEqual(['30 min', '90 min', '4 h', '1 d', '2 d']);
    expect([formatSeconds(0.035), formatSeconds(12.34), formatSeconds(125)]).toEqual(['0.04 s', '12.3 s', '2 min']);
    expect(formatRetention({})).toBe('keep everything');
    expect(formatRetention({ keepLast: 7, keepMonthly: 6, keepDaily: 14 })).toBe('keep last 7, daily 14, monthly 6');
  });

  it('names the top-level folders of a plan as the archive does', () => {
    expect(archiveFolders({ sources: ['/srv/logs', '/var/logs/', '/home/a/share'], includeDatabase: true })).toEqual(['logs', 'logs-2', 'share', 'firebreak-data']);
    expect(archiveFolders({ sources: [], includeDatabase: false })).toEqual([]);
  });

  it('finds the latest check of each kind among a plan\'s backups: a later full check leaves the drill', () => {
    const none = { quick: null, full: null, drill: null };
    const b = (latestChecks: Partial<BackupSummary['latestChecks']>) => ({ latestChecks: { ...none, ...latestChecks } }) as BackupSummary;
    const olderDrill = drill({ at: '2026-11-21T03:00:00.000Z' });
    const theDrill = drill({ at: '2026-11-22T03:00:00.000Z' });
    const fullAfter = drill({ at: '2026-11-22T04:00:00.000Z', level: 'full', restoreSeconds: null, rtoSeconds: null });
    const quick = drill({ at: '2026-11-23T00:00:00.000Z', level: 'quick', restoreSeconds: null, rtoSeconds: null });
    expect(latestChecksOf([b({}), b({ drill: olderDrill, quick }), b({ drill: theDrill, full: fullAfter })])).toEqual({ quick, full: fullAfter, drill: theDrill });
    expect(latestChecksOf([b({})])).toEqual(none);
    expect(latestChecksOf([])).toEqual(none);
  });
});

describe('scheduleProblems', () => {
  const task = { schedule: '30 2 * * *', scheduleText: 'at 02:30 every day', nextRunAt: '2026-11-23T02:30:00.000Z', lastRunAt: '2026-11-22T02:31:00.000Z', lastResult: 'ok' as const, lastError: null, lastBackupId: 'nightly-1', running: false, failures: 0, retryAt: null };
  const status = (plans: PlanRunStatus[]): BackupScheduleStatus => ({ runner: { kind: 'app', user: 'alice', since: '2026-11-22T08:00:00.000Z' }, note: null, plans });

  it('says nothing when every run and verification passed, or nothing is loaded', () => {
    expect(scheduleProblems(null)).toEqual([]);
    expect(scheduleProblems(status([{ plan: 'nightly', ...task, verify: { ...task, level: 'full', problems: [] } }]))).toEqual([]);
  });

  it('names a failed backup with its retry, a verification that could not run, and damage first', () => {
    const problems = scheduleProblems(status([
      { plan: 'nightly', ...task, lastResult: 'failed', lastError: 'target /mnt/backup is not mounted', failures: 2, retryAt: '2026-11-22T02:36:00.000Z', verify: null },
      { plan: 'share', ...task, verify: { ...task, level: 'quick', lastResult: 'failed', lastError: 'ENOENT', problems: [] } },
      { plan: 'evidence', ...task, verify: { ...task, level: 'full', lastResult: 'failed', lastBackupId: 'evidence-7', lastError: 'x', problems: ['docs/a.pdf: SHA-256 differs', 'b.txt: missing'] } },
    ]));
    expect(problems.map((p) => [p.plan, p.task, p.damaged])).toEqual([['evidence', 'verify', true], ['nightly', 'backup', false], ['share', 'verify', false]]);
    expect(problems[0]?.text).toBe('Scheduled full verification found backup evidence-7 of evidence damaged (2 problems): docs/a.pdf: SHA-256 differs');
    expect(problems[1]?.text).toMatch(/^Scheduled backup of nightly failed 2 times in a row: target \/mnt\/backup is not mounted\. Retrying at /);
    expect(problems[2]?.text).toBe('Scheduled verification of share could not run: ENOENT.');
  });

  it('a run in progress is not a problem yet', () => {
    expect(scheduleProblems(status([{ plan: 'nightly', ...task, lastResult: 'failed', running: true, failures: 1, verify: null }]))).toEqual([]);
  });
});
