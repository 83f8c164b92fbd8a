import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_STREAM_FILE, SecurityStream, type SecurityRecord } from '../../../main/monitoring';
import { migrate, openDatabase } from '../../../main/store';
import { appendEvent } from '../../../main/timeline';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { exportKey } from '../../helpers/rawDb';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

const PII = { reporterName: 'Zelda Quimby-Harte', reporterEmail: 'zelda.qh@example.org', reporterPhone: '+44 20 7946 0018', affectedPeople: ['Ximena Oduya'] };
const NOTE = 'checked-with-helpdesk-NOTE-7731';
const WRONG = 'wrong-guess-SECRET-4412';

const readLines = (file: string): SecurityRecord[] =>
  readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SecurityRecord);

describe('the security event stream of a working vault', () => {
  let v: TestVault;
  let responder: TestClient;
  let keyHex: string;
  let identity: string;
  let ref: string;
  beforeAll(async () => {
    v = await createTestVault();
    responder = await v.addUser('rita', 'responder');
    ref = (await v.admin.call('incidents.create', { title: 'Phishing at the front desk', severity: 'SEV2', category: 'phishing', ...PII })).ref;
    await responder.call('incidents.get', { ref });
    keyHex = await exportKey(v.admin);
    identity = (await v.admin.call('backups.exportIdentity', {})).identity;
    for (let i = 0; i < 5; i++) {
      expectFailure(await connect(v.backend).attempt('auth.login', { user: 'rita', passphrase: `${WRONG}${i}` }), 'BAD_CREDENTIALS');
      v.clock.advance(20_000);
    }
    const [alert] = (await v.admin.call('alerts.list', { status: 'open', offset: 0, limit: 10 })).rows.filter((a) => a.rule === 'failed-signins-user');
    await v.admin.call('alerts.acknowledge', { id: alert!.id, note: NOTE });
    await v.admin.call('users.setRole', { name: 'rita', role: 'admin' });
  });
  afterAll(() => v.dispose());

  it('has one line per security event, in log order, each checkable against the log by its hash', async () => {
    const file = join(v.dataDir, SECURITY_STREAM_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readLines(file);
    const types = lines.map((l) => l.type);
    for (const t of ['vault.created', 'auth.login', 'incident.pii_viewed', 'vault.key_exported', 'backup.identity_exported', 'auth.login_failed', 'security.alert', 'security.alert_acknowledged', 'user.role_changed']) {
      expect(types).toContain(t);
    }
    expect(types).not.toContain('incident.created');
    const seqs = lines.map((l) => l.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const alert = lines.find((l) => l.type === 'security.alert' && l.rule === 'failed-signins-user')!;
    expect(alert).toMatchObject({ v: 1, outcome: 'failure', actor: 'system', rule: 'failed-signins-user', subject: 'rita', count: 5, threshold: 5, windowMinutes: 15 });
    expect(lines.find((l) => l.type === 'auth.login_failed')).toMatchObject({ outcome: 'failure', user: 'rita', reason: 'passphrase', transport: 'test' });
    expect(lines.find((l) => l.type === 'user.role_changed')).toMatchObject({ name: 'rita', from: 'responder', to: 'admin', actor: ADMIN });
    expect(lines.find((l) => l.type === 'incident.pii_viewed')).toMatchObject({ actor: 'rita', incident: ref, fields: ['reporterName', 'reporterEmail', 'reporterPhone', 'affectedPeople'] });
    const logged = (await v.admin.call('audit.list', { type: 'security.alert', offset: 0, limit: 50 })).rows.find((e) => e.data.rule === 'failed-signins-user')!;
    expect(alert).toMatchObject({ seq: logged.seq, hash: logged.hash });
  });

  it('holds no secret and no personal data: no key, identity, passphrase, note or personal value', () => {
    const text = readFileSync(join(v.dataDir, SECURITY_STREAM_FILE), 'utf8');
    const secrets = [keyHex, identity, ADMIN_PASS, passphraseFor('rita'), WRONG, NOTE, v.recoveryKey, ...Object.values(PII).flat(), 'Zelda', 'zelda'];
    for (const s of secrets) expect(text.includes(s), `the stream contains ${s.slice(0, 12)}…`).toBe(false);
    // A fragment of the phone number: looked for outside the events' SHA-256 hashes, where four given
    // digits turn up by chance in about one run in twenty-five.
    expect(text.replace(/"hash":"[0-9a-f]{64}"/g, '').includes('7946'), 'the stream contains part of the phone number').toBe(false);
  });

  it('a failed write loses no event: it is reported once in the chain, and the stream catches up when it can write', async () => {
    const file = join(v.dataDir, SECURITY_STREAM_FILE);
    const before = readLines(file).length;
    rmSync(file);
    mkdirSync(file); // in the way: every append fails (EISDIR)
    await v.admin.call('users.setRole', { name: 'rita', role: 'responder' });
    await v.admin.call('users.setRole', { name: 'rita', role: 'admin' });
    const failures = (await v.admin.call('audit.list', { type: 'siem.write_failed', offset: 0, limit: 10 })).rows;
    expect(failures.map((e) => e.data)).toEqual([{ file: SECURITY_STREAM_FILE, error: 'EISDIR' }]);
    expect((await v.admin.call('audit.list', { type: 'user.role_changed', offset: 0, limit: 10 })).total).toBe(3);
    expect(readFileSync(join(v.dataDir, 'logs', 'firebreak.log'), 'utf8')).toMatch(/security event stream/);
    rmSync(file, { recursive: true });
    await v.admin.call('alerts.openCount', {});
    const after = readLines(file).map((l) => l.type);
    expect(before).toBeGreaterThan(0);
    expect(after.filter((t) => t === 'user.role_changed')).toHaveLength(2);
    expect(after).toContain('siem.write_failed');
    // Once each, although the failed writes were retried at every call.
    expect(after.filter((t) => t === 'siem.write_failed')).toHaveLength(1);
  });
});

describe('rotation', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDataDir('siem');
  });
  afterAll(() => removeTempDataDir(dir));

  it('rotates at the size limit, keeps the newest files, and every kept line follows on from the one before', () => {
    const db = openDatabase(join(dir, 'firebreak.db'), randomBytes(32).toString('hex'));
    migrate(db);
    const stream = new SecurityStream(dir, { maxBytes: 4_000, keep: 2 });
    for (let i = 0; i < 120; i++) {
      appendEvent(db, { actor: `u${i % 7}`, type: 'auth.login_failed', ts: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), data: { user: `u${i % 7}`, reason: 'passphrase', attempt: 1 } });
      appendEvent(db, { actor: 'kim', type: 'incident.note', ts: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), data: { text: 'not a security event' } });
      if (i % 10 === 9) stream.flush(db);
    }
    db.close();
    const files = [`${SECURITY_STREAM_FILE}.2`, `${SECURITY_STREAM_FILE}.1`, SECURITY_STREAM_FILE].map((f) => join(dir, f));
    for (const f of files) {
      expect(statSync(f).size).toBeLessThanOrEqual(4_000);
      expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    expect(existsSync(join(dir, `${SECURITY_STREAM_FILE}.3`))).toBe(false);
    const seqs = files.flatMap((f) => readLines(f).map((l) => l.seq));
    // Only the failures (odd sequence numbers), newest last, none missing between the first kept and the last.
    expect(seqs.at(-1)).toBe(239);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 239 - 2 * (seqs.length - 1 - i)));
    expect(seqs.length).toBeLessThan(120);
  });

  it('touches no file for calls without a security event, and another process picks up where this one stopped without repeating a line', () => {
    const quiet = makeTempDataDir('siem-quiet');
    try {
      const db = openDatabase(join(quiet, 'firebreak.db'), randomBytes(32).toString('hex'));
      migrate(db);
      const ts = (i: number) => new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString();
      const failed = (i: number) => appendEvent(db, { actor: 'kim', type: 'auth.login_failed', ts: ts(i), data: { user: 'kim', reason: 'passphrase', attempt: 1 } });
      const note = (i: number) => appendEvent(db, { actor: 'kim', type: 'incident.note', ts: ts(i), data: { text: 'not a security event' } });
      const cursorFile = join(quiet, 'security-events.cursor');
      const first = new SecurityStream(quiet);
      failed(0);
      expect(first.flush(db)).toBe(1);
      const saved = readFileSync(cursorFile, 'utf8');
      // Notes only: nothing written, and the cursor is not saved again for each of them.
      for (let i = 1; i <= 50; i++) {
        note(i);
        expect(first.flush(db)).toBe(0);
      }
      expect(readFileSync(cursorFile, 'utf8')).toBe(saved);
      // Nothing new at all: no file is read (a cursor file that cannot be read would throw).
      rmSync(cursorFile);
      mkdirSync(cursorFile);
      expect(first.flush(db)).toBe(0);
      rmSync(cursorFile, { recursive: true });
      writeFileSync(cursorFile, saved);
      // A long run of other events: the cursor moves on now and then, so no one reads them all again.
      for (let i = 51; i <= 3_000; i++) note(i);
      expect(first.flush(db)).toBe(0);
      expect((JSON.parse(readFileSync(cursorFile, 'utf8')) as { seq: number }).seq).toBeGreaterThan(2_000);
      // Another process (a new stream on the same directory) after a failure and more notes: exactly the new line.
      failed(3_001);
      note(3_002);
      const second = new SecurityStream(quiet);
      expect(second.flush(db)).toBe(1);
      expect(first.flush(db)).toBe(0);
      db.close();
      expect(readLines(join(quiet, SECURITY_STREAM_FILE)).map((l) => l.seq)).toEqual([1, 3_002]);
    } finally {
      removeTempDataDir(quiet);
    }
  });
});
