import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Topics, Transport } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';
import { UserActivity, USER_CALL_WINDOW_MS } from '../../../renderer/lib/userActivity';
import { markBackgroundCalls } from '../../../renderer/transport/selectTransport';

// Issue 13 §7: the Backups page refetched after every push event while a schedule ran, and each
// refetch counted as activity, so the idle lock never fired. Only calls the user caused keep a
// session alive; a page's own refetches are sent as background calls.
const IDLE_MS = 60_000;
const SWEEP_MS = IDLE_MS / 4;

let v: TestVault;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  v = await createTestVault({ idleTimeoutMs: IDLE_MS });
});
afterEach(() => {
  v.dispose();
  vi.useRealTimers();
});

const background = (method: 'incidents.list' | 'backups.list') => v.backend.handle(v.admin.conn, method, {}, { background: true });

describe('background calls do not keep a session alive', () => {
  it('a page refetching every 10 s is answered, and still the session ends idle minutes after the last thing the user did', async () => {
    const ended: Topics['session.ended'][] = [];
    v.backend.subscribe(v.admin.conn, 'session.ended', (p) => ended.push(p));
    await v.admin.call('incidents.list', {});
    // Refetches, as after push events, for 50 s: each is answered normally.
    for (let t = 0; t < 50_000; t += 10_000) {
      v.clock.advance(10_000);
      const r = await background('incidents.list');
      expect(r.ok).toBe(true);
    }
    v.clock.advance(IDLE_MS - 50_000 + 1);
    vi.advanceTimersByTime(SWEEP_MS);
    expect(ended).toEqual([{ reason: 'idle' }]);
    // After the end a background call is refused like any other.
    expectFailure(await background('incidents.list'), 'UNAUTHENTICATED');
    const admin = await v.signIn(ADMIN);
    expect((await admin.call('audit.list', { type: 'vault.locked' })).rows[0]?.data).toEqual({ reason: 'idle' });
  });

  it("a user's call in between keeps it alive as before", async () => {
    v.clock.advance(IDLE_MS - 1_000);
    await background('incidents.list');
    await v.admin.call('incidents.list', {});
    v.clock.advance(IDLE_MS - 1_000);
    vi.advanceTimersByTime(SWEEP_MS);
    expect(await v.admin.call('auth.session', {})).toMatchObject({ user: ADMIN });
  });
});

describe('the renderer marks calls the user did not cause', () => {
  class Target {
    listeners = new Map<string, (e: Event) => void>();
    addEventListener(type: string, fn: (e: Event) => void) {
      this.listeners.set(type, fn);
    }
    removeEventListener(type: string) {
      this.listeners.delete(type);
    }
    fire(type: string, isTrusted = true) {
      this.listeners.get(type)?.({ isTrusted } as Event);
    }
  }

  it('a call within the window after a key, pointer, wheel or touch is the user\'s; any other, or after a scripted event, is background', async () => {
    let now = 1_000_000;
    const sent: (boolean | undefined)[] = [];
    const inner: Transport = {
      call: (_m, _i, opts) => {
        sent.push(opts?.background);
        return Promise.resolve({ ok: true, value: null });
      },
      subscribe: () => () => undefined,
    };
    const target = new Target();
    const t = markBackgroundCalls(inner, target, new UserActivity(() => now));
    expect([...target.listeners.keys()].sort()).toEqual(['keydown', 'pointerdown', 'touchstart', 'wheel']);

    await t.call('incidents.list', {}); // at start, nobody has done anything
    target.fire('keydown');
    await t.call('incidents.list', {});
    now += USER_CALL_WINDOW_MS + 1;
    await t.call('incidents.list', {}); // a refetch long after the key
    target.fire('pointerdown', false); // dispatched by a script
    await t.call('incidents.list', {});
    target.fire('wheel');
    now += USER_CALL_WINDOW_MS - 1;
    await t.call('incidents.list', {});
    await t.call('incidents.list', {}, { background: true }); // the caller's own word stands
    expect(sent).toEqual([true, false, true, true, false, true]);
  });
});
