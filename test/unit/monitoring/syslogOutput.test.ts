import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyslogSettings } from '../../../contract';
import { SECURITY_STREAM_FILE, SIEM_CONFIG_FILE, SYSLOG_SD_ID, UNKNOWN_USER } from '../../../main/monitoring';
import { connect, expectFailure } from '../../helpers/client';
import { parseSyslog, type ParsedSyslog } from '../../helpers/parseSyslog';
import { TcpListener, UdpListener, until } from '../../helpers/syslogListeners';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

type Line = Record<string, unknown>;
const WRONG = 'wrong-guess-SECRET-5521';
const readLines = (dataDir: string): Line[] =>
  existsSync(join(dataDir, SECURITY_STREAM_FILE))
    ? readFileSync(join(dataDir, SECURITY_STREAM_FILE), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line)
    : [];
const udpTo = (port: number, more: Partial<SyslogSettings> = {}): SyslogSettings => ({ enabled: true, host: '127.0.0.1', port, transport: 'udp', facility: 'local3', appName: 'firebreak-ir', ...more });
const params = (m: ParsedSyslog) => new Map(m.sd.get(SYSLOG_SD_ID));

describe('syslog settings', () => {
  let v: TestVault;
  beforeAll(async () => {
    v = await createTestVault();
  });
  afterAll(() => v.dispose());

  it('is off until an administrator sets it', async () => {
    expect(await v.admin.call('settings.syslog.get', {})).toMatchObject({ enabled: false, source: 'default', status: { state: 'off', queued: 0 } });
  });

  it('refuses what cannot be right, naming the field, and changes nothing', async () => {
    const before = await v.admin.call('settings.syslog.get', {});
    const changesBefore = (await v.admin.call('audit.list', { type: 'settings.changed', offset: 0, limit: 50 })).total;
    const bad: [Partial<SyslogSettings> & Record<string, unknown>, RegExp][] = [
      [{ host: 'siem example.org' }, /host: a host name/],
      [{ host: 'siem..example.org' }, /host: a host name/],
      [{ host: '300.1.2.3' }, /host: a host name/],
      [{ host: '[2001:db8::1]' }, /without brackets/],
      [{ host: '' }, /host: required/],
      [{ port: 0 }, /port: from 1 to 65535/],
      [{ port: 70_000 }, /port: from 1 to 65535/],
      [{ port: 51.4 }, /port: a whole number/],
      [{ transport: 'tls' as 'tcp' }, /transport: udp or tcp/],
      [{ facility: 'security' as 'auth' }, /facility: one of kern, user/],
      [{ appName: 'fire break' }, /app name: 1 to 48 printable ASCII/],
      [{ appName: 'x'.repeat(49) }, /app name/],
      [{ extra: true }, /Unrecognized key/i],
    ];
    for (const [patch, message] of bad) {
      const error = expectFailure(await v.admin.raw('settings.syslog.set', { ...udpTo(514), ...patch }), 'VALIDATION');
      expect(error.message).toMatch(message);
    }
    expect(await v.admin.call('settings.syslog.get', {})).toEqual(before);
    expect((await v.admin.call('audit.list', { type: 'settings.changed', offset: 0, limit: 50 })).total).toBe(changesBefore);
  });

  it('accepts names, IPv4 and IPv6; is logged field by field; read by auditors, set only by administrators', async () => {
    for (const host of ['siem.example.org', 'siem', '192.0.2.10', '2001:db8::10', '::1', '::ffff:192.0.2.1']) {
      const r = await v.admin.attempt('settings.syslog.set', { ...udpTo(514), enabled: false, host });
      expect(r.ok, host).toBe(true);
    }
    const auditor = await v.addUser('audrey', 'auditor');
    expect((await auditor.call('settings.syslog.get', {})).host).toBe('::ffff:192.0.2.1');
    expectFailure(await auditor.attempt('settings.syslog.set', udpTo(514)), 'FORBIDDEN');
    const changed = (await v.admin.call('audit.list', { type: 'settings.changed', offset: 0, limit: 50 })).rows.filter((e) => e.data.key === 'security.syslog');
    expect(changed[0]?.data.changes).toEqual({ host: { from: '::1', to: '::ffff:192.0.2.1' } });
    // The copy a locked process reads: the same destination, 0600.
    const copy = JSON.parse(readFileSync(join(v.dataDir, SIEM_CONFIG_FILE), 'utf8')) as { syslog: SyslogSettings };
    expect(copy.syslog.host).toBe('::ffff:192.0.2.1');
  });
});

describe('syslog output of a working vault (UDP)', () => {
  let v: TestVault;
  const udp = new UdpListener();
  beforeAll(async () => {
    await udp.start();
    v = await createTestVault();
    await v.admin.call('settings.syslog.set', udpTo(udp.port));
    await v.addUser('rita', 'responder');
    expectFailure(await connect(v.backend).attempt('auth.login', { user: 'rita', passphrase: WRONG }), 'BAD_CREDENTIALS');
    await v.admin.call('vault.exportKey', {});
  });
  afterAll(async () => {
    v.dispose();
    await udp.stop();
  });

  it('sends each line of the JSON stream written after it was set as one RFC 5424 message with the same record', async () => {
    const settingsChange = readLines(v.dataDir).findIndex((l) => l.type === 'settings.changed');
    const expected = readLines(v.dataDir).slice(settingsChange);
    await until(() => udp.messages.length >= expected.length, `${expected.length} datagrams`);
    const parsed = udp.messages.map(parseSyslog);
    expect(parsed.map((m) => JSON.parse(m.msg!) as Line)).toEqual(expected);
    for (const m of parsed) {
      const record = JSON.parse(m.msg!) as Line;
      expect(m).toMatchObject({ version: 1, facility: 19, appName: 'firebreak-ir', msgId: record.type, procId: String(process.pid), timestamp: record.ts });
      expect(m.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const sd = params(m);
      expect(sd.get('seq')).toBe(String(record.seq));
      expect(sd.get('hash')).toBe(record.hash);
      expect(sd.get('type')).toBe(record.type);
    }
    const failed = parsed.find((m) => m.msgId === 'auth.login_failed')!;
    expect(failed.severity).toBe(4);
    expect(params(failed).get('user')).toBe('rita');
    expect(parsed.find((m) => m.msgId === 'vault.key_exported')!.severity).toBe(5);
    expect(parsed.find((m) => m.msgId === 'security.alert')!.severity).toBe(1);
    // Never a secret: the wrong passphrase, the admin's, a user's, the exported key.
    const all = udp.messages.join('\n');
    for (const secret of [WRONG, ADMIN_PASS, passphraseFor('rita')]) expect(all).not.toContain(secret);
    expect((await v.admin.call('settings.syslog.get', {})).status).toMatchObject({ state: 'sending', dropped: 0, lastError: null });
  });
});

describe('syslog over TCP while the server goes down and comes back', () => {
  let v: TestVault;
  const tcp = new TcpListener();
  beforeAll(async () => {
    await tcp.start();
    v = await createTestVault();
  });
  afterAll(async () => {
    v.dispose();
    await tcp.stop();
  });

  it('keeps working, reports the failure once (log file, chain, settings), and delivers what came after the reconnect', async () => {
    await v.admin.call('settings.syslog.set', udpTo(tcp.port, { transport: 'tcp' }));
    await v.admin.call('vault.exportKey', {});
    await until(() => tcp.messages.some((m) => parseSyslog(m).msgId === 'vault.key_exported'), 'the key export over TCP');

    await tcp.stop();
    await until(() => readLines(v.dataDir).some((l) => l.type === 'siem.syslog_failed'), 'the failure in the stream');
    // Calls go on while the server is down: none fails or waits for syslog.
    for (let i = 0; i < 3; i++) await v.admin.call('vault.exportKey', {});
    const view = await v.admin.call('settings.syslog.get', {});
    expect(view.status).toMatchObject({ state: 'failing' });
    expect(view.status.lastError).toMatch(/^E[A-Z]+$/);
    await new Promise((r) => setTimeout(r, 1_200)); // let reconnect attempts fail
    const logged = readFileSync(join(v.dataDir, 'logs', 'firebreak.log'), 'utf8').split('\n').filter((l) => l.includes('syslog output'));
    expect(logged).toHaveLength(1);
    const failures = (await v.admin.call('audit.list', { type: 'siem.syslog_failed', offset: 0, limit: 10 })).rows;
    expect(failures).toHaveLength(1);
    expect(failures[0]!.data).toMatchObject({ host: '127.0.0.1', port: tcp.port, transport: 'tcp' });

    await tcp.start(tcp.port);
    await until(() => tcp.messages.filter((m) => parseSyslog(m).msgId === 'vault.key_exported').length >= 4, 'the exports made while down', 20_000);
    const ids = tcp.messages.map((m) => parseSyslog(m).msgId);
    expect(ids).toContain('siem.syslog_failed');
    expect((await v.admin.call('settings.syslog.get', {})).status).toMatchObject({ state: 'sending', queued: 0, lastError: null });
    expect((await v.admin.call('audit.list', { type: 'siem.syslog_failed', offset: 0, limit: 10 })).total).toBe(1);
  });
});

describe('failed sign-ins at a locked vault', () => {
  let v: TestVault;
  const udp = new UdpListener();
  beforeAll(async () => {
    await udp.start();
    v = await createTestVault();
    await v.admin.call('settings.syslog.set', udpTo(udp.port));
    await v.addUser('rita', 'responder');
    await v.admin.call('vault.lock', {});
  });
  afterAll(async () => {
    v.dispose();
    await udp.stop();
  });

  it('reach the stream and syslog at once (known names only), cross the threshold there, and raise the alert at the next unlock without duplicates', async () => {
    const before = readLines(v.dataDir).length;
    const stranger = connect(v.backend);
    for (let i = 0; i < 5; i++) {
      expectFailure(await stranger.attempt('auth.login', { user: 'rita', passphrase: `${WRONG}${i}` }), 'BAD_CREDENTIALS');
      v.clock.advance(20_000);
    }
    // A "name" that is no user: perhaps a passphrase typed in the wrong field; it never leaves the machine.
    expectFailure(await stranger.attempt('auth.login', { user: 'hunter2-in-the-name-field', passphrase: WRONG }), 'BAD_CREDENTIALS');
    const locked = readLines(v.dataDir).slice(before);
    expect(locked.map((l) => l.type)).toEqual([...Array<string>(5).fill('auth.login_failed'), 'auth.login_failed_threshold', 'auth.login_failed']);
    for (const l of locked) expect(l).toMatchObject({ seq: null, hash: null, locked: true });
    expect(locked[0]).toMatchObject({ user: 'rita', actor: 'rita', knownUser: true, reason: 'passphrase', attempt: 1, outcome: 'failure' });
    expect(locked[5]).toMatchObject({ rule: 'failed-signins-user', subject: 'rita', count: 5, threshold: 5, windowMinutes: 15, windowEnd: locked[4]!.ts, windowStart: locked[0]!.ts });
    expect(locked[6]).toMatchObject({ user: UNKNOWN_USER, actor: UNKNOWN_USER, knownUser: false });
    const lockedSent = () => udp.messages.map(parseSyslog).filter((m) => (JSON.parse(m.msg!) as Line).locked === true);
    await until(() => lockedSent().length >= 7, 'the locked-time datagrams');
    const sent = lockedSent();
    expect(sent.map((m) => JSON.parse(m.msg!) as Line)).toEqual(locked);
    expect(sent.find((m) => m.msgId === 'auth.login_failed_threshold')!.severity).toBe(1);
    expect(params(sent.at(-1)!).has('seq')).toBe(false);
    const everything = readFileSync(join(v.dataDir, SECURITY_STREAM_FILE), 'utf8') + udp.messages.join('\n');
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain(WRONG);

    // The next unlock: the failures enter the log and raise the alert as before; the stream gets the alert, not the failures again.
    const admin = await v.signIn(ADMIN);
    const inLog = (await admin.call('audit.list', { type: 'auth.login_failed', offset: 0, limit: 50 })).rows.filter((e) => e.data.recordedLate === true);
    expect(inLog).toHaveLength(6);
    const alert = (await admin.call('alerts.list', { status: 'open', offset: 0, limit: 10 })).rows.find((a) => a.rule === 'failed-signins-user');
    expect(alert).toMatchObject({ subject: 'rita', count: 5 });
    const after = readLines(v.dataDir).slice(before + locked.length);
    expect(after.filter((l) => l.type === 'auth.login_failed')).toEqual([]);
    expect(after.find((l) => l.type === 'security.alert')).toMatchObject({ rule: 'failed-signins-user', subject: 'rita', count: 5 });
    await until(() => udp.messages.some((m) => parseSyslog(m).msgId === 'security.alert'), 'the alert over syslog');
    expect(udp.messages.map(parseSyslog).filter((m) => m.msgId === 'auth.login_failed')).toHaveLength(6);
  });
});
