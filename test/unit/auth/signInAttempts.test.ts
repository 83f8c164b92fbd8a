import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTEMPTS_FILE, SignInAttempts, stepAt, totpAt, type PendingEvent } from '../../../main/auth';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { appendEvent, readHead } from '../../../main/timeline';
import { connect, expectFailure } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { TestClock } from '../../helpers/TestClock';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault();
});
afterEach(() => v.dispose());

const login = (passphrase: string, otp?: string) =>
  connect(v.backend).attempt('auth.login', otp === undefined ? { user: ADMIN, passphrase } : { user: ADMIN, passphrase, otp });
const failures = async () => (await v.admin.call('audit.list', { type: 'auth.login_failed' })).rows;

describe('the sign-in attempts file', () => {
  it('a code still to come is no failed try: the right passphrase after typos never adds a wait', async () => {
    const { secret } = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    await v.admin.call('mfa.confirm', { code: totpAt(secret, stepAt(v.clock.now())) });
    v.clock.advance(30_000);
    for (let i = 0; i < 3; i += 1) expectFailure(await login(`typo in it ${i}`), 'BAD_CREDENTIALS');
    v.clock.advance(2_001);
    // The reserved try is released: no four-second wait between the passphrase and the code.
    expectFailure(await login(ADMIN_PASS), 'MFA_REQUIRED');
    expect((await login(ADMIN_PASS, totpAt(secret, stepAt(v.clock.now())))).ok).toBe(true);
  });

  it('failures another process records while the vault is open here reach the log within seconds', async () => {
    // A second backend on the data directory stands for another process: it is locked, so it can only leave them in the file.
    const other = await v.reopen();
    expectFailure(await connect(other).attempt('auth.login', { user: 'nobody', passphrase: 'a guess from elsewhere 1' }), 'BAD_CREDENTIALS');
    let rows = await failures();
    for (let waited = 0; rows.length === 0 && waited < 20_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await failures();
    }
    expect(rows.map((e) => [e.actor, e.data.user, e.data.reason, e.data.recordedLate])).toEqual([['nobody', 'nobody', 'passphrase', true]]);
    // Handed over once: the file keeps nothing for the next sign-in.
    expect(JSON.parse(readFileSync(join(v.dataDir, ATTEMPTS_FILE), 'utf8'))).toMatchObject({ pending: [], flushing: null });
    await v.signIn(ADMIN);
    expect(await failures()).toHaveLength(1);
  });

  it('a damaged file is moved aside, the backoff starts over, and the log says so', async () => {
    await v.admin.call('auth.logout', {});
    expectFailure(await login('wrong before the damage 1'), 'BAD_CREDENTIALS');
    writeFileSync(join(v.dataDir, ATTEMPTS_FILE), '{"format": "firebreak-sign-in-att');
    expectFailure(await login('wrong after the damage 2'), 'BAD_CREDENTIALS');
    const admin = await v.signIn(ADMIN);
    const [reset] = (await admin.call('audit.list', { type: 'auth.attempts_reset' })).rows;
    const aside = readdirSync(v.dataDir).filter((f) => f.startsWith(`${ATTEMPTS_FILE}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(reset).toMatchObject({ actor: 'system', data: { movedTo: join(v.dataDir, aside[0]!), recordedLate: true } });
    expect(readFileSync(join(v.dataDir, aside[0]!), 'utf8')).toBe('{"format": "firebreak-sign-in-att');
    // The failure before the damage was in the damaged file; the one after it is in the log.
    expect((await admin.call('audit.list', { type: 'auth.login_failed' })).rows.map((e) => e.data.attempt)).toEqual([1]);
  });
});

describe('SignInAttempts on its own', () => {
  let dir: string;
  let db: Db;
  const clock = new TestClock();
  beforeEach(() => {
    dir = makeTempDataDir('attempts');
    db = openDatabase(join(dir, 'log.db'), 'ab'.repeat(32));
    migrate(db);
  });
  afterEach(() => {
    db.close();
    removeTempDataDir(dir);
  });

  const sink = (crashAfterAppend = false) => ({
    headSeq: () => readHead(db)?.seq ?? 0,
    idsAfter: (seq: number) =>
      new Set((db.prepare("SELECT json_extract(data, '$.pendingId') AS id FROM events WHERE seq > ?").all(seq) as { id: string | null }[]).map((r) => r.id ?? '')),
    append: (events: PendingEvent[]) => {
      db.transaction(() => {
        for (const e of events) appendEvent(db, { actor: e.actor, type: e.type, ts: e.ts, data: { ...e.data, pendingId: e.id } });
      })();
      if (crashAfterAppend) throw new Error('the process died before it could clear the batch');
    },
  });
  const late = (user: string) => ({ actor: user, type: 'auth.login_failed', ts: clock.iso(), data: { user, reason: 'passphrase' } });
  const logged = () => (db.prepare("SELECT actor FROM events WHERE type = 'auth.login_failed' ORDER BY seq").all() as { actor: string }[]).map((r) => r.actor);

  it('a hand-over to the log interrupted after the append is completed by the next, without duplicates', async () => {
    const attempts = new SignInAttempts(dir, clock.now);
    for (const user of ['ann', 'ben']) await attempts.fail(await attempts.reserve(user), late(user));
    expect(() => attempts.flush(sink(true))).toThrow('the process died');
    expect(logged()).toEqual(['ann', 'ben']);
    await attempts.fail(await attempts.reserve('cy'), late('cy'));
    expect(attempts.flush(sink())).toBe(true);
    expect(logged()).toEqual(['ann', 'ben', 'cy']);
    expect(attempts.flush(sink())).toBe(true);
    expect(logged()).toEqual(['ann', 'ben', 'cy']);
  });

  it('stays bounded whatever names are tried: the oldest counts go, extra failures are counted in one event', async () => {
    const attempts = new SignInAttempts(dir, clock.now, { maxCounters: 10, maxPending: 10 });
    for (let i = 0; i < 25; i += 1) {
      await attempts.fail(await attempts.reserve(`name${i}`), late(`name${i}`));
      clock.advance(1_000);
    }
    const state = JSON.parse(readFileSync(join(dir, ATTEMPTS_FILE), 'utf8')) as { counters: Record<string, unknown>; pending: unknown[]; dropped: number };
    expect(Object.keys(state.counters)).toHaveLength(10);
    expect(Object.keys(state.counters)).toContain('name24');
    expect([state.pending.length, state.dropped]).toEqual([10, 15]);
    attempts.flush(sink());
    expect(logged()).toHaveLength(10);
    const summary = db.prepare("SELECT actor, data FROM events WHERE type = 'auth.login_failed_uncounted'").get() as { actor: string; data: string };
    expect([summary.actor, (JSON.parse(summary.data) as { count: number }).count]).toEqual(['system', 15]);
    expect(existsSync(join(dir, 'sign-in-attempts.lock'))).toBe(false);
  });
});
