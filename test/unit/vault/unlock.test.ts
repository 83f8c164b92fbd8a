import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../contract';
import { connect, expectFailure } from '../../helpers/client';
import { ATTEMPTS_FILE } from '../../../main/auth';
import { SECURITY_STREAM_FILE } from '../../../main/monitoring';
import { hashFiles } from '../../helpers/hashFiles';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault();
});
afterEach(() => v.dispose());

/** Signs everybody out: the last session ending closes the database and drops the key. */
async function lockVault(): Promise<void> {
  await v.admin.call('auth.logout', {});
  expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
}

describe('sign-in (unlock)', () => {
  it('opens the vault with the right passphrase and starts a session with the user role', async () => {
    await lockVault();
    const c = connect(v.backend);
    const info = await c.call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    expect(info).toMatchObject({ user: ADMIN, role: 'admin', mfaEnrolled: false });
    expect(await c.call('auth.session', {})).toMatchObject({ user: ADMIN });
    expect(await c.call('vault.status', {})).toMatchObject({ unlocked: true });
    expect((await c.call('log.verify', {})).ok).toBe(true);
  });

  it('a wrong passphrase or unknown user is BAD_CREDENTIALS and changes neither the database nor the key slots', async () => {
    await lockVault();
    const { [ATTEMPTS_FILE]: _attemptsBefore, [SECURITY_STREAM_FILE]: _streamBefore, ...before } = hashFiles(v.dataDir);
    expect(Object.keys(before)).toContain('firebreak.db');
    expect(Object.keys(before)).toContain('vault.json');

    const wrong = expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: `${ADMIN_PASS}x` }), 'BAD_CREDENTIALS');
    const unknown = expectFailure(await connect(v.backend).attempt('auth.login', { user: 'nobody', passphrase: ADMIN_PASS }), 'BAD_CREDENTIALS');
    // The same words for both, so the answer does not reveal which user names exist.
    expect(unknown.message).toBe(wrong.message);

    // Only the backoff counters and the failures waiting for the log, and the security stream's
    // lines for them (docs/security.md): never the database or the key slots.
    const { [ATTEMPTS_FILE]: attempts, [SECURITY_STREAM_FILE]: stream, ...after } = hashFiles(v.dataDir);
    expect(after).toEqual(before);
    expect(attempts).not.toBe(_attemptsBefore);
    expect(stream).not.toBe(_streamBefore);
    const lines = readFileSync(join(v.dataDir, SECURITY_STREAM_FILE), 'utf8').trim().split('\n').slice(-2).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toMatchObject([{ type: 'auth.login_failed', user: ADMIN, locked: true }, { type: 'auth.login_failed', user: '(unknown)', knownUser: false, locked: true }]);
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
  });

  it('records failed sign-ins made while locked at the next unlock, marked as late', async () => {
    await lockVault();
    expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: 'wrong passphrase 123' }), 'BAD_CREDENTIALS');
    const admin = await v.signIn(ADMIN);
    const failed = await admin.call('audit.list', { type: 'auth.login_failed' });
    expect(failed.total).toBe(1);
    expect(failed.rows[0]).toMatchObject<Partial<TimelineEvent>>({ actor: ADMIN, data: { user: ADMIN, reason: 'passphrase', attempt: 1, recordedLate: true } });
  });

  it('backs off after repeated failures with RATE_LIMITED and a retryAfterMs that the clock clears', async () => {
    const alice = passphraseFor('alice');
    await v.admin.call('users.add', { name: 'alice', role: 'responder', passphrase: alice });
    const attempt = (passphrase: string) => connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase });

    for (let i = 0; i < 3; i += 1) expectFailure(await attempt('wrong passphrase 123'), 'BAD_CREDENTIALS');
    // Even the right passphrase is not tried while the wait lasts.
    const limited = expectFailure(await attempt(ADMIN_PASS), 'RATE_LIMITED');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBe(2_000);

    v.clock.advance(1_500);
    expect(expectFailure(await attempt(ADMIN_PASS), 'RATE_LIMITED').retryAfterMs).toBe(500);

    // The backoff is per user: alice is not held up by failures on admin.
    await v.signIn('alice', alice);

    v.clock.advance(501);
    // Another failure doubles the wait.
    expectFailure(await attempt('wrong passphrase 123'), 'BAD_CREDENTIALS');
    expect(expectFailure(await attempt(ADMIN_PASS), 'RATE_LIMITED').retryAfterMs).toBe(4_000);

    v.clock.advance(4_001);
    await v.signIn(ADMIN);
    // Success resets the count: the next failure is free again.
    expectFailure(await attempt('wrong passphrase 123'), 'BAD_CREDENTIALS');
    await v.signIn(ADMIN);
  });
});
