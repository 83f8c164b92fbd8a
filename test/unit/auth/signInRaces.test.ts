import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, SessionInfo } from '../../../contract';
import { startWebHost, type WebHost } from '../../../main/web';
import { expectFailure, type TestClient } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';
import { httpRequest } from '../web/httpRequest';

// One vault for the file: each test leaves it signed in as the administrator only (`admin`).
let v: TestVault;
let admin: TestClient;
let host: WebHost;
beforeAll(async () => {
  // A key derivation slow enough (scrypt 2^15, tens of milliseconds) that the parallel requests
  // below are all in flight before the first one is checked, as with production's 2^17.
  v = await createTestVault({ testOnlyKdfLogN: 15 });
  admin = v.admin;
  await admin.call('users.add', { name: 'bob', role: 'responder', passphrase: passphraseFor('bob'), mustChangePassphrase: false });
  writeFileSync(join(v.dataDir, 'index.html'), '<!doctype html>');
  host = await startWebHost({ backend: v.backend, port: 0, rendererDir: v.dataDir });
});
afterAll(async () => {
  await host.close();
  v.dispose();
});

/** The browser's side of browser mode: the one-time token exchanged for the session cookie, then POST /api. */
async function browser(): Promise<(method: string, input: unknown) => Promise<Result<unknown>>> {
  const exchanged = await httpRequest(host.port, {
    method: 'POST',
    path: '/session/exchange',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: new URL(host.url).hash.replace('#token=', '') }),
  });
  const cookie = (exchanged.headers['set-cookie']?.[0] ?? '').split(';', 1)[0] as string;
  expect(cookie).toMatch(/=/);
  return async (method, input) =>
    JSON.parse(
      (
        await httpRequest(host.port, {
          method: 'POST',
          path: '/api',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: JSON.stringify({ method, input }),
        })
      ).body,
    ) as Result<unknown>;
}

describe('sign-in backoff under parallel requests (issue 13 §3)', () => {
  it('16 wrong passphrases and the right one sent at once through browser mode: 3 are tried, 14 refused naming the wait', async () => {
    await admin.call('auth.logout', {});
    const call = await browser();
    const passphrases = [...Array.from({ length: 16 }, (_, i) => `wrong passphrase number ${i}`), ADMIN_PASS];
    // All in flight together: each request's scrypt runs on libuv's pool while the others arrive.
    const results = await Promise.all(passphrases.map((passphrase) => call('auth.login', { user: ADMIN, passphrase })));

    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    // Three tries, whichever three the server took first (the requests race to it); the rest never reached scrypt.
    expect(codes.filter((c) => c !== 'RATE_LIMITED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(14);
    for (const r of results) {
      if (r.ok || r.error.code !== 'RATE_LIMITED') continue;
      expect(r.error.message).toBe('too many failed attempts; try again in 2 s');
      expect(r.error.retryAfterMs).toBe(2_000);
    }
    // Sent last, the right passphrase is normally among the refused: then nobody got in.
    if (codes.at(-1) === 'RATE_LIMITED') {
      expect(await call('auth.session', {})).toEqual({ ok: true, value: null });
      expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
    }

    v.clock.advance(2_001);
    const back = await call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    expect(back.ok && (back.value as SessionInfo).user).toBe(ADMIN);
    const failed = await call('audit.list', { type: 'auth.login_failed' });
    expect(failed.ok).toBe(true);
    const rows = (failed as { ok: true; value: { rows: { data: Record<string, unknown> }[] } }).value.rows;
    // Every wrong one that was tried is in the log, from browser mode; none of the refused ones.
    expect(rows.map((r) => [r.data.reason, r.data.transport])).toEqual(codes.filter((c) => c === 'BAD_CREDENTIALS').map(() => ['passphrase', 'http']));
    // The administrator's session of this file again, and the browser's ends.
    await call('auth.logout', {});
    admin = await v.signIn(ADMIN);
  });

  it('the same holds for re-entering the passphrase in a session (changing it)', async () => {
    const bob = await v.signIn('bob');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => bob.attempt('auth.changePassphrase', { current: `not bob's passphrase ${i}`, next: 'A fresh kettle 42, whistling!' })),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    expectFailure(await bob.attempt('auth.changePassphrase', { current: passphraseFor('bob'), next: 'A fresh kettle 42, whistling!' }), 'RATE_LIMITED');
    v.clock.advance(2_001);
    expect(await bob.call('auth.changePassphrase', { current: passphraseFor('bob'), next: 'A fresh kettle 42, whistling!' })).toEqual({ changed: true });
    await bob.call('auth.logout', {});
  });
});
