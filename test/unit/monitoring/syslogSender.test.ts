import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_EVENT_TYPES, SyslogSender, formatSyslog, type SecurityRecord } from '../../../main/monitoring';
import { parseSyslog } from '../../helpers/parseSyslog';
import { TcpListener, UdpListener, until } from '../../helpers/syslogListeners';

const record = (seq: number, extra: Partial<SecurityRecord> = {}): SecurityRecord => ({
  v: 1, seq, ts: '2026-12-08T09:15:02.123Z', type: 'auth.login_failed', outcome: 'failure', actor: 'rita', incident: null,
  hash: 'ab'.repeat(32), user: 'rita', reason: 'passphrase', attempt: seq, transport: 'cli', ...extra,
});

const listeners: { stop(): Promise<void> | void }[] = [];
const senders: SyslogSender[] = [];
afterEach(async () => {
  for (const s of senders.splice(0)) await s.close(0);
  for (const l of listeners.splice(0)) await l.stop();
});

describe('RFC 5424 formatting', () => {
  it('writes PRI, version 1, an RFC 3339 time, the header fields, escaped structured data and the JSON record as MSG', () => {
    const tricky = record(7, { type: 'user.added', outcome: 'info', name: 'o"b]r\\ien', actor: 'admin' });
    const m = parseSyslog(formatSyslog(tricky, { facility: 'local4', hostname: 'ir-laptop', appName: 'firebreak', procId: 4242 }));
    expect(m).toMatchObject({ pri: 20 * 8 + 6, facility: 20, severity: 6, version: 1, timestamp: '2026-12-08T09:15:02.123Z', hostname: 'ir-laptop', appName: 'firebreak', procId: '4242', msgId: 'user.added', bom: true });
    const params = new Map(m.sd.get('firebreak@32473'));
    expect(params.get('name')).toBe('o"b]r\\ien');
    expect(params.get('seq')).toBe('7');
    expect(params.has('incident')).toBe(false);
    expect(JSON.parse(m.msg!)).toEqual(tricky);
  });

  it('gives each kind its severity: alert 1, broken chain 2, stream failure 3, failure 4, notice 5, info 6', () => {
    const sev = (type: string, outcome: SecurityRecord['outcome']) =>
      parseSyslog(formatSyslog(record(1, { type, outcome }), { facility: 'auth', hostname: 'h', appName: 'a', procId: 1 })).severity;
    expect([sev('security.alert', 'failure'), sev('log.verification_failed', 'failure'), sev('siem.write_failed', 'failure'), sev('auth.login_failed', 'failure'), sev('vault.key_exported', 'success'), sev('auth.login', 'success')])
      .toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('every streamed type fits MSGID (at most 32 characters) and parses', () => {
    for (const [type, outcome] of Object.entries(SECURITY_EVENT_TYPES)) {
      const m = parseSyslog(formatSyslog(record(1, { type, outcome }), { facility: 'auth', hostname: 'h', appName: 'a', procId: 1 }));
      expect(m.msgId).toBe(type);
      expect(m.facility).toBe(4);
    }
  });
});

describe('SyslogSender over real sockets', () => {
  it('UDP: one datagram per record, each a valid RFC 5424 message', async () => {
    const udp = new UdpListener();
    await udp.start();
    listeners.push(udp);
    const received = udp.messages;
    const failures: unknown[] = [];
    const sender = new SyslogSender({ onFailure: (e) => failures.push(e) });
    senders.push(sender);
    sender.configure({ enabled: true, host: '127.0.0.1', port: udp.port, transport: 'udp', facility: 'authpriv', appName: 'fb-test' });
    sender.send([record(1), record(2), record(3)]);
    await until(() => received.length === 3, 'three datagrams');
    const parsed = received.map(parseSyslog);
    expect(parsed.map((m) => (JSON.parse(m.msg!) as SecurityRecord).seq)).toEqual([1, 2, 3]);
    expect(parsed[0]).toMatchObject({ pri: 10 * 8 + 4, appName: 'fb-test', msgId: 'auth.login_failed', procId: String(process.pid) });
    expect(sender.status()).toMatchObject({ state: 'sending', sent: 3, queued: 0, dropped: 0 });
    expect(failures).toEqual([]);
  });

  it('TCP: octet-counted frames; the server going down is reported once, queued messages arrive after it is back', async () => {
    const server = new TcpListener();
    await server.start();
    listeners.push(server);
    const failures: NodeJS.ErrnoException[] = [];
    let recovered = 0;
    const sender = new SyslogSender({ onFailure: (e) => failures.push(e), onRecovered: () => (recovered += 1), minBackoffMs: 20, maxBackoffMs: 80 });
    senders.push(sender);
    sender.configure({ enabled: true, host: '127.0.0.1', port: server.port, transport: 'tcp', facility: 'auth', appName: 'firebreak' });
    sender.send([record(1), record(2)]);
    await until(() => server.messages.length === 2, 'two messages');

    await server.stop();
    await until(() => sender.status().state === 'failing', 'the sender to notice');
    // While down: sends return at once, queue up, and several reconnect attempts fail.
    for (let seq = 3; seq <= 6; seq++) sender.send([record(seq)]);
    expect(sender.status().queued).toBe(4);
    await new Promise((r) => setTimeout(r, 300));
    expect(failures).toHaveLength(1);
    expect(sender.status()).toMatchObject({ state: 'failing', queued: 4 });
    expect(sender.status().lastError).toMatch(/^E[A-Z]+$/);

    await server.start(server.port);
    await until(() => server.messages.length === 6, 'the queued messages after the reconnect');
    expect(server.messages.map((m) => (JSON.parse(parseSyslog(m).msg!) as SecurityRecord).seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(failures).toHaveLength(1);
    expect(recovered).toBe(1);
    expect(sender.status()).toMatchObject({ state: 'sending', queued: 0, dropped: 0, lastError: null });
  });

  it('a full queue drops the oldest and counts them; send never throws or waits', async () => {
    const server = new TcpListener();
    await server.start();
    const port = server.port;
    await server.stop();
    const failures: unknown[] = [];
    const sender = new SyslogSender({ onFailure: (e) => failures.push(e), maxQueue: 100, minBackoffMs: 10_000 });
    senders.push(sender);
    sender.configure({ enabled: true, host: '127.0.0.1', port, transport: 'tcp', facility: 'auth', appName: 'firebreak' });
    const started = Date.now();
    // 100x the queue's size.
    for (let seq = 1; seq <= 10_000; seq++) sender.send([record(seq)]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sender.status()).toMatchObject({ queued: 100, dropped: 9_900 });
    await until(() => failures.length === 1, 'the failure report');
    server.port = port;
    await server.start(port);
    listeners.push(server);
    sender.configure(null);
    expect(sender.status()).toMatchObject({ state: 'off', queued: 0 });
  });

  it('close() gives the queue its grace to go out (a CLI run exits right after)', async () => {
    const server = new TcpListener();
    await server.start();
    listeners.push(server);
    const sender = new SyslogSender({ onFailure: () => undefined });
    sender.configure({ enabled: true, host: '127.0.0.1', port: server.port, transport: 'tcp', facility: 'auth', appName: 'firebreak' });
    sender.send([record(1), record(2)]);
    await sender.close(2_000);
    await until(() => server.messages.length === 2, 'both messages');
  });
});
