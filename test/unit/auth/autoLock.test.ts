import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Topics } from '../../../contract';
import { connect, expectFailure } from '../../helpers/client';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

const IDLE_MS = 60_000;
// createBackend sweeps idle sessions every max(1 s, idle/4): 15 s here.
const SWEEP_MS = IDLE_MS / 4;

let v: TestVault;
beforeEach(async () => {
  // Only the sweep timer is faked; scrypt and SQLite keep real time.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  v = await createTestVault({ idleTimeoutMs: IDLE_MS });
});
afterEach(() => {
  v.dispose();
  vi.useRealTimers();
});

describe('auto-lock after idle', () => {
  it('keeps a session alive while it is used', async () => {
    for (let i = 0; i < 5; i += 1) {
      v.clock.advance(IDLE_MS - 1_000);
      vi.advanceTimersByTime(SWEEP_MS);
      await v.admin.call('incidents.list', {});
    }
    expect(await v.admin.call('auth.session', {})).toMatchObject({ user: ADMIN });
  });

  it('ends the idle session, locks the vault and then answers UNAUTHENTICATED', async () => {
    const ended: Topics['session.ended'][] = [];
    v.backend.subscribe(v.admin.conn, 'session.ended', (p) => ended.push(p));
    v.clock.advance(IDLE_MS + 1);
    vi.advanceTimersByTime(SWEEP_MS);

    expect(ended).toEqual([{ reason: 'idle' }]);
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
    expectFailure(await v.admin.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    expect(await v.admin.call('auth.session', {})).toBeNull();

    const admin = await v.signIn(ADMIN);
    const expired = await admin.call('audit.list', { type: 'auth.session_expired' });
    expect(expired.rows.map((e) => e.actor)).toEqual([ADMIN]);
    const locked = await admin.call('audit.list', { type: 'vault.locked' });
    expect(locked.rows[0]?.data).toEqual({ reason: 'idle' });
  });

  it('locks the vault even when the idle session is used again before the sweep runs', async () => {
    v.clock.advance(IDLE_MS + 1);
    // The next call finds the session expired before the periodic sweep has seen it.
    expectFailure(await v.admin.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    vi.advanceTimersByTime(SWEEP_MS);
    // No session is left, so the key must not stay in memory.
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
  });
});
