import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../../contract';
import { isWorkingTime, listAlerts, watchSecurity } from '../../../main/monitoring';
import { setAlertSettings } from '../../../main/settings';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { appendEvent, observeAppends, verifyChain } from '../../../main/timeline';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { TestClock } from '../../helpers/TestClock';

/**
 * The rules on a real SQLCipher database with the backend's hook (watchSecurity), each event at a
 * time the test picks: the events' own times decide, the clock only stamps the alert.
 */
let dir: string;
let db: Db;
const clock = new TestClock(Date.UTC(2026, 2, 16, 12, 0, 0));
const errors: unknown[] = [];
const T0 = Date.UTC(2026, 2, 16, 10, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

beforeAll(() => {
  dir = makeTempDataDir('alerts');
  db = openDatabase(join(dir, 'firebreak.db'), randomBytes(32).toString('hex'));
  migrate(db);
  watchSecurity(db, { now: clock.iso.bind(clock), onError: (err) => errors.push(err) });
});
afterAll(() => {
  db.close();
  removeTempDataDir(dir);
});
beforeEach(() => {
  // Each case starts with no alerts and no events in the rules' windows (later cases use later days).
  db.prepare('DELETE FROM alerts').run();
  expect(errors).toEqual([]);
});

let day = 0;
/** Appends `events` on a fresh day (so earlier cases' events are outside every window) and returns the alerts raised. */
function run(events: { type: string; actor?: string; minute: number; data?: Record<string, unknown> }[]) {
  day += 1;
  const base = day * 24 * 60;
  for (const e of events) appendEvent(db, { actor: e.actor ?? 'kim', type: e.type, ts: at(base + e.minute), data: e.data ?? {} });
  return listAlerts(db, { status: 'all', offset: 0, limit: 100 }).rows.map((a) => ({ rule: a.rule, subject: a.subject, count: a.count }));
}
const failed = (actor: string, minute: number, reason = 'passphrase') => ({ type: 'auth.login_failed', actor, minute, data: { user: actor, reason } });
const times = (n: number, f: (i: number) => { type: string; actor?: string; minute: number; data?: Record<string, unknown> }) => Array.from({ length: n }, (_, i) => f(i));

describe('alert rules (defaults)', () => {
  it.each([
    ['4 failures for one user in 15 min: nothing', times(4, (i) => failed('kim', i)), []],
    ['5 failures in 15 min: one alert, count 5', times(5, (i) => failed('kim', i)), [{ rule: 'failed-signins-user', subject: 'kim', count: 5 }]],
    ['8 failures: still one alert, counted 8', times(8, (i) => failed('kim', i)), [{ rule: 'failed-signins-user', subject: 'kim', count: 8 }]],
    ['5 failures spread over 20 min (4 min apart): nothing', times(5, (i) => failed('kim', i * 4)), []],
    ['5 failures each for two users: one alert each', [...times(5, (i) => failed('kim', i)), ...times(5, (i) => failed('lee', i))],
      [{ rule: 'failed-signins-user', subject: 'lee', count: 5 }, { rule: 'failed-signins-user', subject: 'kim', count: 5 }]],
    ['20 failures over 20 user names in 15 min: the overall alert', times(20, (i) => failed(`u${i}`, i / 2)), [{ rule: 'failed-signins-overall', subject: '*', count: 20 }]],
    ['a disabled user tries: alert', [failed('gone', 0, 'disabled')], [{ rule: 'disabled-user-signin', subject: 'gone', count: 1 }]],
    ['a disabled user tries twice within the hour: one alert counted twice', [failed('gone', 0, 'disabled'), failed('gone', 30, 'disabled')],
      [{ rule: 'disabled-user-signin', subject: 'gone', count: 2 }]],
    ['29 evidence views in 10 min: nothing', times(29, (i) => ({ type: 'evidence.viewed', minute: i / 3 })), []],
    ['30 reads of personal data and evidence in 10 min: burst alert', [
      ...times(10, (i) => ({ type: 'incident.pii_viewed', minute: i / 4 })), ...times(10, (i) => ({ type: 'evidence.viewed', minute: 3 + i / 4 })),
      ...times(10, (i) => ({ type: 'evidence.exported', minute: 6 + i / 4 })),
    ], [{ rule: 'personal-data-burst', subject: 'kim', count: 30 }]],
    ['database key exported', [{ type: 'vault.key_exported', actor: 'admin', minute: 0, data: { transport: 'cli' } }], [{ rule: 'key-export', subject: 'admin', count: 1 }]],
    ['backup identity exported', [{ type: 'backup.identity_exported', actor: 'admin', minute: 0, data: { recipient: 'age1x' } }], [{ rule: 'identity-export', subject: 'admin', count: 1 }]],
    ['auditor made admin: escalation', [{ type: 'user.role_changed', actor: 'admin', minute: 0, data: { name: 'ann', from: 'auditor', to: 'admin' } }],
      [{ rule: 'role-escalation', subject: 'ann', count: 1 }]],
    ['admin made auditor: no escalation', [{ type: 'user.role_changed', actor: 'admin', minute: 0, data: { name: 'ann', from: 'admin', to: 'auditor' } }], []],
    ['responder made backup operator (gains backup:manage): escalation',
      [{ type: 'user.role_changed', actor: 'admin', minute: 0, data: { name: 'ann', from: 'responder', to: 'backup-operator' } }], [{ rule: 'role-escalation', subject: 'ann', count: 1 }]],
    ['recipient added to a plan', [{ type: 'backup.plan_recipients_changed', actor: 'admin', minute: 0, data: { plan: 'nightly', added: ['age1x'], removed: [] } }],
      [{ rule: 'backup-recipient-added', subject: 'admin', count: 1 }]],
    ['recipient removed only: nothing', [{ type: 'backup.plan_recipients_changed', actor: 'admin', minute: 0, data: { plan: 'nightly', added: [], removed: ['age1x'] } }], []],
    ['chain verification failed', [{ type: 'log.verification_failed', actor: 'aud', minute: 0, data: { firstBadSeq: 3 } }], [{ rule: 'chain-verification-failed', subject: 'aud', count: 1 }]],
    ['sign-in at 03:00 with working hours off (the default): nothing', [{ type: 'auth.login', minute: -420, data: { user: 'kim' } }], []],
  ])('%s', (_name, events, expected) => {
    expect(run(events)).toEqual(expected);
  });

  it('the alert is an event in the chain: rule, subject, counts, window — no reason text beyond the rule, no secrets', () => {
    run(times(5, (i) => failed('kim', i)));
    const row = db.prepare("SELECT ts, actor, data FROM events WHERE type = 'security.alert' ORDER BY seq DESC LIMIT 1").get() as { ts: string; actor: string; data: string };
    const data = JSON.parse(row.data) as Record<string, unknown>;
    expect(row).toMatchObject({ ts: clock.iso(), actor: 'system' });
    expect(data).toMatchObject({ rule: 'failed-signins-user', subject: 'kim', count: 5, threshold: 5, windowMinutes: 15, windowStart: at(day * 1440), windowEnd: at(day * 1440 + 4) });
    expect(verifyChain(db).ok).toBe(true);
  });

  it('a new burst after the window raises a second alert; the first stays open until acknowledged', () => {
    expect(run([...times(5, (i) => failed('kim', i)), ...times(5, (i) => failed('kim', 60 + i))])).toEqual([
      { rule: 'failed-signins-user', subject: 'kim', count: 5 }, { rule: 'failed-signins-user', subject: 'kim', count: 5 },
    ]);
  });

  it('failures recorded late (older timestamps, appended after newer events) are evaluated at their own times', () => {
    day += 1;
    const base = day * 24 * 60;
    appendEvent(db, { actor: 'system', type: 'vault.unlocked', ts: at(base + 90), data: {} });
    for (let i = 0; i < 5; i++) appendEvent(db, { actor: 'kim', type: 'auth.login_failed', ts: at(base + i), data: { user: 'kim', reason: 'passphrase', recordedLate: true } });
    const [alert] = listAlerts(db, { status: 'open', offset: 0, limit: 10 }).rows;
    expect(alert).toMatchObject({ rule: 'failed-signins-user', subject: 'kim', count: 5, windowStart: at(base), windowEnd: at(base + 4), raisedAt: clock.iso() });
  });

  it('late failures spread over an hour by their own times raise nothing, although appended within a second', () => {
    expect(run(times(5, (i) => ({ ...failed('kim', i * 20), data: { user: 'kim', reason: 'passphrase', recordedLate: true } })))).toEqual([]);
  });
});

describe('alert rules under the administrator\'s settings', () => {
  const set = (s: AlertSettings) => setAlertSettings(db, s, 'admin', clock.iso());
  it('a lower per-user threshold and window apply at once', () => {
    set({ ...DEFAULT_ALERT_SETTINGS, failedSignInsPerUser: { threshold: 3, windowMinutes: 2 } });
    expect(run(times(3, (i) => failed('kim', i * 3)))).toEqual([]);
    expect(run(times(3, (i) => failed('kim', i / 2)))).toEqual([{ rule: 'failed-signins-user', subject: 'kim', count: 3 }]);
    set(DEFAULT_ALERT_SETTINGS);
  });

  it.each([
    ['Tuesday 07:59 in Berlin (06:59 UTC)', '2026-03-17T06:59:00.000Z', true],
    ['Tuesday 08:00 in Berlin', '2026-03-17T07:00:00.000Z', false],
    ['Tuesday 17:59 in Berlin', '2026-03-17T16:59:00.000Z', false],
    ['Tuesday 18:00 in Berlin', '2026-03-17T17:00:00.000Z', true],
    ['Saturday 10:00 in Berlin', '2026-03-21T09:00:00.000Z', true],
    ['summer time: Monday 08:30 in Berlin (06:30 UTC)', '2026-07-06T06:30:00.000Z', false],
  ])('sign-in outside working hours when enabled: %s → alert %s', (_name, ts, alert) => {
    set({ ...DEFAULT_ALERT_SETTINGS, workingHours: { enabled: true, start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5], timeZone: 'Europe/Berlin' } });
    db.prepare('DELETE FROM alerts').run();
    appendEvent(db, { actor: 'kim', type: 'auth.login', ts, data: { user: 'kim' } });
    const rows = listAlerts(db, { status: 'all', offset: 0, limit: 10 }).rows.map((a) => a.rule);
    expect(rows).toEqual(alert ? ['off-hours-signin'] : []);
    set(DEFAULT_ALERT_SETTINGS);
  });

  it('a night shift over midnight belongs to the day it starts', () => {
    const night = { enabled: true, start: '22:00', end: '06:00', days: [1], timeZone: 'UTC' };
    expect(isWorkingTime('2026-03-16T23:00:00.000Z', night)).toBe(true); // Monday 23:00
    expect(isWorkingTime('2026-03-17T05:59:00.000Z', night)).toBe(true); // Tuesday 05:59, the Monday shift
    expect(isWorkingTime('2026-03-17T23:00:00.000Z', night)).toBe(false); // Tuesday's own shift: not a working day
    expect(isWorkingTime('2026-03-16T12:00:00.000Z', night)).toBe(false);
  });
});

describe('bounded work per event', () => {
  it('on a log of 20,000 failures and reads, each append still counts only its window (100x a busy week)', () => {
    day += 30;
    const base = day * 24 * 60;
    const insert = db.transaction(() => {
      // 10,000 failures of 1,000 names and 10,000 evidence views of 100 users over 20 days, written
      // without the rules (no window would fill anyway): the log the next appends are counted in.
      for (let i = 0; i < 10_000; i++) {
        appendEvent(db, { actor: `n${i % 1000}`, type: 'auth.login_failed', ts: at(base + i * 2.88), data: { user: `n${i % 1000}`, reason: 'passphrase' } });
        appendEvent(db, { actor: `r${i % 100}`, type: 'evidence.viewed', ts: at(base + i * 2.88 + 0.5), data: {} });
      }
    });
    observeAppends(db, null);
    insert();
    watchSecurity(db, { now: clock.iso.bind(clock), onError: (err) => errors.push(err) });
    expect(listAlerts(db, { status: 'all', offset: 0, limit: 10 }).total).toBe(0);
    const started = performance.now();
    for (let i = 0; i < 5; i++) appendEvent(db, { actor: 'kim', type: 'auth.login_failed', ts: at(base + 30_000 + i), data: { user: 'kim', reason: 'passphrase' } });
    const elapsed = performance.now() - started;
    expect(listAlerts(db, { status: 'all', offset: 0, limit: 10 }).rows.map((a) => [a.rule, a.subject, a.count])).toEqual([['failed-signins-user', 'kim', 5]]);
    // Five appends with their window counts: milliseconds, not a scan of 40,000 rows each.
    expect(elapsed).toBeLessThan(500);
  }, 120_000);
});
