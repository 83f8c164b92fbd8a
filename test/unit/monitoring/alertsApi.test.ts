import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../../contract';
import { connect, expectFailure, signedIn, type TestClient } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/** The alerts through the API, on one real vault: the backend's clock is the test's. */
let v: TestVault;
let auditor: TestClient;
let responder: TestClient;
beforeAll(async () => {
  v = await createTestVault();
  auditor = await v.addUser('aud', 'auditor');
  responder = await v.addUser('rita', 'responder');
});
afterAll(() => v.dispose());

const openAlerts = async () => (await v.admin.call('alerts.list', { status: 'open', offset: 0, limit: 50 })).rows;
/** Wrong passphrases for `user` on a fresh connection, the clock moved past each backoff wait. */
async function wrongPassphrases(client: TestClient, user: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    expectFailure(await client.attempt('auth.login', { user, passphrase: `wrong guess number ${i}!` }), 'BAD_CREDENTIALS');
    v.clock.advance(20_000);
  }
}

describe('alerts through the API', () => {
  it('five wrong passphrases for a user raise one alert the administrator and the auditor see; the responder may not', async () => {
    await wrongPassphrases(connect(v.backend), 'rita', 5);
    const alerts = await openAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'failed-signins-user', subject: 'rita', count: 5, threshold: 5, status: 'open', acknowledged: null });
    expect(await v.admin.call('alerts.openCount', {})).toEqual({ open: 1 });
    expect((await auditor.call('alerts.list', { status: 'open', offset: 0, limit: 50 })).rows.map((a) => a.id)).toEqual([alerts[0]!.id]);
    expectFailure(await responder.attempt('alerts.openCount', {}), 'FORBIDDEN');
    expectFailure(await responder.attempt('alerts.list', { status: 'open', offset: 0, limit: 50 }), 'FORBIDDEN');
  });

  it('acknowledging needs a note and an administrator; it is an event, and a second acknowledgement is refused', async () => {
    const [alert] = await openAlerts();
    const blank = expectFailure(await v.admin.raw('alerts.acknowledge', { id: alert!.id, note: '   ' }), 'VALIDATION');
    expect(blank.message).toMatch(/a note is required/);
    expectFailure(await auditor.attempt('alerts.acknowledge', { id: alert!.id, note: 'seen' }), 'FORBIDDEN');
    expect((await openAlerts()).map((a) => a.id)).toEqual([alert!.id]);
    const acked = await v.admin.call('alerts.acknowledge', { id: alert!.id, note: 'Rita forgot her new passphrase; reset done' });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledged: { by: ADMIN, note: 'Rita forgot her new passphrase; reset done' } });
    const [event] = (await v.admin.call('audit.list', { type: 'security.alert_acknowledged', offset: 0, limit: 5 })).rows;
    expect(event).toMatchObject({ actor: ADMIN, data: { alertId: alert!.id, rule: 'failed-signins-user', subject: 'rita', count: 5 } });
    const again = expectFailure(await v.admin.attempt('alerts.acknowledge', { id: alert!.id, note: 'again' }), 'CONFLICT');
    expect(again.message).toMatch(/already acknowledged by admin/);
    expectFailure(await v.admin.attempt('alerts.acknowledge', { id: 9999, note: 'x' }), 'NOT_FOUND');
    expect(await v.admin.call('alerts.openCount', {})).toEqual({ open: 0 });
    expect((await v.admin.call('alerts.list', { status: 'acknowledged', offset: 0, limit: 50 })).total).toBe(1);
  });

  it('failures another process could only write to the attempts file are evaluated at their own times when they reach the log', async () => {
    // A second backend on the data directory stands for a CLI run: locked, it leaves its failures in the file.
    const other = await v.reopen();
    await wrongPassphrases(connect(other), 'aud', 5);
    const before = await openAlerts();
    expect(before.filter((a) => a.subject === 'aud')).toHaveLength(0);
    const failedAt = v.clock.iso();
    // An hour later they reach the log: at the next sign-in there (or within seconds, by the open vault's sweep here).
    v.clock.advance(3600_000);
    const there = await signedIn(other, ADMIN, ADMIN_PASS);
    const alert = (await there.call('alerts.list', { status: 'open', offset: 0, limit: 50 })).rows.find((a) => a.subject === 'aud');
    expect(alert).toMatchObject({ rule: 'failed-signins-user', count: 5 });
    // The window is the failures' own times, not the time they were recorded.
    expect(alert!.windowEnd < failedAt).toBe(true);
    expect(Date.parse(failedAt) - Date.parse(alert!.windowStart)).toBe(5 * 20_000);
    const late = (await there.call('audit.list', { type: 'auth.login_failed', actor: 'aud', offset: 0, limit: 10 })).rows;
    expect(late.map((e) => e.data.recordedLate)).toEqual([true, true, true, true, true]);
    await there.call('auth.logout', {});
  });

  it('a disabled user trying, a role escalation and a key export each raise their alert', async () => {
    await v.admin.call('users.add', { name: 'dora', role: 'auditor', passphrase: passphraseFor('dora'), mustChangePassphrase: false });
    await v.admin.call('users.setRole', { name: 'dora', role: 'admin' });
    await v.admin.call('users.disable', { name: 'dora' });
    expectFailure(await connect(v.backend).attempt('auth.login', { user: 'dora', passphrase: passphraseFor('dora') }), 'ACCOUNT_DISABLED');
    await exportKey(v.admin);
    const rules = (await openAlerts()).map((a) => `${a.rule}:${a.subject}`);
    expect(rules).toEqual(expect.arrayContaining(['role-escalation:dora', 'disabled-user-signin:dora', `key-export:${ADMIN}`]));
  });

  it('a failed chain verification raises an alert', async () => {
    const keyHex = await exportKey(v.admin);
    withRawDb(v.dataDir, keyHex, (db) => {
      db.exec('DROP TRIGGER events_no_update;');
      db.prepare("UPDATE events SET data = json_set(data, '$.user', 'mallory') WHERE seq = 3").run();
    });
    expect((await auditor.call('log.verify', {})).ok).toBe(false);
    expect((await openAlerts()).find((a) => a.rule === 'chain-verification-failed')).toMatchObject({ subject: 'aud', detail: { firstBadSeq: 3 } });
  });
});

describe('alerts in the KPIs', () => {
  it('counts the alerts raised in the period, per ISO week, as the log has them', async () => {
    const raised = (await v.admin.call('audit.list', { type: 'security.alert', offset: 0, limit: 1 })).total;
    expect(raised).toBeGreaterThanOrEqual(5);
    const inMarch = (await v.admin.call('kpis.get', { from: '2026-03-01', to: '2026-03-31' })).security;
    expect(inMarch.alertsRaised).toBe(raised);
    expect(inMarch.alertsRaisedByWeek.reduce((n, w) => n + w.count, 0)).toBe(raised);
    expect((await v.admin.call('kpis.get', { from: '2026-02-01', to: '2026-02-28' })).security.alertsRaised).toBe(0);
  });
});

describe('alert settings', () => {
  it.each([
    ['a threshold of 1', { failedSignInsPerUser: { threshold: 1, windowMinutes: 15 } }, /threshold must be at least 2/],
    ['a zero window', { personalDataBurst: { threshold: 30, windowMinutes: 0 } }, /window must be at least 1 minute/],
    ['a window over a day', { failedSignInsOverall: { threshold: 20, windowMinutes: 2000 } }, /at most 1440 minutes/],
    ['an unknown time zone', { workingHours: { ...DEFAULT_ALERT_SETTINGS.workingHours, timeZone: 'Mars/Olympus' } }, /IANA time zone/],
    ['start equal to end', { workingHours: { ...DEFAULT_ALERT_SETTINGS.workingHours, start: '09:00', end: '09:00' } }, /start and end must differ/],
    ['a time of 24:00', { workingHours: { ...DEFAULT_ALERT_SETTINGS.workingHours, end: '24:00' } }, /HH:MM/],
    ['no working day', { workingHours: { ...DEFAULT_ALERT_SETTINGS.workingHours, days: [] } }, /at least one working day/],
    ['an unknown field', { lockoutAfter: 3 }, /lockoutAfter|unrecognized/i],
  ])('%s is refused with a clear message, and nothing changes', async (_name, patch, message) => {
    const events = (await v.admin.call('audit.list', { type: 'settings.changed', offset: 0, limit: 1 })).total;
    const error = expectFailure(await v.admin.raw('settings.alerts.set', { ...DEFAULT_ALERT_SETTINGS, ...patch }), 'VALIDATION');
    expect(error.message).toMatch(message);
    expect(await v.admin.call('settings.alerts.get', {})).toEqual({ ...DEFAULT_ALERT_SETTINGS, source: 'default' });
    expect((await v.admin.call('audit.list', { type: 'settings.changed', offset: 0, limit: 1 })).total).toBe(events);
  });

  it('an administrator changes them (logged, old and new); an auditor reads but may not change them', async () => {
    const next = { ...DEFAULT_ALERT_SETTINGS, failedSignInsPerUser: { threshold: 3, windowMinutes: 5 } };
    expect(await v.admin.call('settings.alerts.set', next)).toEqual({ ...next, source: 'settings' });
    const [event] = (await v.admin.call('audit.list', { type: 'settings.changed', offset: 0, limit: 1 })).rows;
    expect(event!.data).toEqual({ key: 'security.alerts', changes: { failedSignInsPerUser: { from: { threshold: 5, windowMinutes: 15 }, to: { threshold: 3, windowMinutes: 5 } } } });
    expect(await auditor.call('settings.alerts.get', {})).toMatchObject({ source: 'settings' });
    expectFailure(await auditor.attempt('settings.alerts.set', next), 'FORBIDDEN');
  });
});
