import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

// One vault for the file: each test leaves it signed in as the administrator only (`admin`).
let v: TestVault;
let admin: TestClient;
beforeAll(async () => {
  v = await createTestVault();
  admin = v.admin;
  await admin.call('users.add', { name: 'mia', role: 'manager', passphrase: passphraseFor('mia'), mustChangePassphrase: false });
});
afterAll(() => v.dispose());

describe('signing in again on the same connection (issue 13 §10)', () => {
  it('ends the first session, so signing out locks the vault', async () => {
    await admin.call('auth.logout', {});
    const c = connect(v.backend);
    await c.call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    await c.call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    await c.call('auth.logout', {});
    expect(await c.call('vault.status', {})).toMatchObject({ unlocked: false });

    admin = await v.signIn(ADMIN);
    const logouts = (await admin.call('audit.list', { type: 'auth.logout' })).rows.slice(0, 2).map((e) => e.data);
    expect(logouts).toEqual([{ user: ADMIN }, { user: ADMIN, reason: 'signed-in-again', as: ADMIN }]);
  });
});

describe('vault.lock (issue 13 §9)', () => {
  it('is refused to every role but the administrator, and the refusal is logged', async () => {
    const mia = await v.signIn('mia');
    const refused = expectFailure(await mia.attempt('vault.lock', {}), 'FORBIDDEN');
    expect(refused.message).toBe('the manager role may not call vault.lock (needs vault:lock)');
    expect(await mia.call('vault.status', {})).toMatchObject({ unlocked: true });
    expect(await mia.call('auth.session', {})).toMatchObject({ user: 'mia' });
    const denied = (await admin.call('audit.list', { type: 'auth.denied' })).rows[0];
    expect(denied).toMatchObject({ actor: 'mia', data: { method: 'vault.lock', needs: 'vault:lock', role: 'manager' } });
  });

  it('an administrator locks it for everyone, and the log names the administrator', async () => {
    const other = await v.signIn('mia');
    expect(await admin.call('vault.lock', {})).toEqual({ locked: true });
    expectFailure(await other.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
    admin = await v.signIn(ADMIN);
    const locked = (await admin.call('audit.list', { type: 'vault.locked' })).rows[0];
    // Every session open then ended: the administrator's own, mia's two (one from the test before).
    expect(locked).toMatchObject({ actor: ADMIN, data: { reason: 'locked', sessionsEnded: 3 } });
  });
});
