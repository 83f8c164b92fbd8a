import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineEvent, Topics } from '../../../contract';
import { clientFor, connect, expectFailure, signedIn, type TestClient } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/** Real vaults, the real router: disable, enable, passphrase reset, forced change, revoked sessions. */

interface VaultJson {
  admin: string;
  slots: { kind: string; user: string | null }[];
  disabled?: string[];
}

const GIVEN = 'Given by admin 7 rivers';
const OWN = 'Mine alone 42 lanterns';

let v: TestVault;
beforeEach(async () => {
  // Only the intervals are faked (the idle sweep, the 2 s revocation check); scrypt and SQLite keep real time.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  v = await createTestVault();
});
afterEach(() => {
  v.dispose();
  vi.useRealTimers();
});

const vaultText = () => readFileSync(join(v.dataDir, 'vault.json'), 'utf8');
const vaultJson = () => JSON.parse(vaultText()) as VaultJson;
const slotUsers = () => vaultJson().slots.filter((s) => s.kind === 'passphrase').map((s) => s.user).sort();
const login = (user: string, passphrase: string) => connect(v.backend).attempt('auth.login', { user, passphrase });

/** Pushes of `session.ended` to a client's connection. */
function endedOn(client: TestClient): Topics['session.ended'][] {
  const got: Topics['session.ended'][] = [];
  client.backend.subscribe(client.conn, 'session.ended', (p) => got.push(p));
  return got;
}

async function events(type: string): Promise<TimelineEvent[]> {
  return (await v.admin.call('audit.list', { type, limit: 50 })).rows;
}

/** Everything a refused call must leave as it was: the users, vault.json and the log. */
async function snapshot() {
  const verify = await v.admin.call('log.verify', {});
  return { users: await v.admin.call('users.list', {}), vault: vaultText(), head: verify.head, count: verify.count };
}

describe('users.disable', () => {
  it('ends every session of the user at once, removes their key slot, and keeps their records theirs', async () => {
    const mona = await v.addUser('mona', 'responder');
    const monaTab = await v.signIn('mona');
    const [endedA, endedB] = [endedOn(mona), endedOn(monaTab)];
    const incident = await mona.call('incidents.create', { title: 'Phished mailbox', severity: 'SEV3', category: 'phishing', owner: 'mona' });
    await mona.call('incidents.addNote', { ref: incident.ref, text: 'Reset the mailbox password' });
    expect(slotUsers()).toEqual([ADMIN, 'mona']);

    const disabled = await v.admin.call('users.disable', { name: 'mona', reason: 'left the company' });
    expect(disabled).toMatchObject({ name: 'mona', role: 'responder', status: 'disabled', disabledBy: ADMIN, disabledAt: v.clock.iso() });

    // Both of her windows were told at once, and why; their calls are refused.
    expect(endedA).toEqual([{ reason: 'disabled' }]);
    expect(endedB).toEqual([{ reason: 'disabled' }]);
    expectFailure(await mona.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    expect(await monaTab.call('auth.session', {})).toBeNull();

    // Her passphrase opens nothing: no slot, and sign-in says why.
    expect(slotUsers()).toEqual([ADMIN]);
    expect(vaultJson().disabled).toEqual(['mona']);
    const refused = expectFailure(await login('mona', passphraseFor('mona')), 'ACCOUNT_DISABLED');
    expect(refused.message).toBe('the account mona is disabled: an administrator disabled it, and only an administrator can enable it again');

    // The record: who did it and why, each ended session, the refused sign-in; the chain holds.
    expect((await events('user.disabled')).map((e) => [e.actor, e.data])).toEqual([[ADMIN, { name: 'mona', role: 'responder', reason: 'left the company', piiRevoked: true, piiKeyRotated: true }]]);
    expect((await events('auth.session_revoked')).map((e) => [e.actor, e.data])).toEqual([
      [ADMIN, { user: 'mona', reason: 'disabled' }],
      [ADMIN, { user: 'mona', reason: 'disabled' }],
    ]);
    expect((await events('auth.login_failed')).map((e) => e.data)).toEqual([{ user: 'mona', reason: 'disabled', attempt: 1, transport: 'test' }]);
    expect(await v.admin.call('log.verify', {})).toMatchObject({ ok: true });

    // Nothing she did changed hands.
    const after = await v.admin.call('incidents.get', { ref: incident.ref });
    expect(after).toMatchObject({ createdBy: 'mona', owner: 'mona' });
    expect((await v.admin.call('timeline.forIncident', { ref: incident.ref })).map((e) => e.actor)).toEqual(['mona', 'mona']);
    expect((await v.admin.call('users.list', {})).map((u) => [u.name, u.status])).toEqual([[ADMIN, 'active'], ['mona', 'disabled']]);

    // She keeps what she owned, but is offered for nothing new, and a new assignment to her is refused.
    expect(await v.admin.call('users.names', {})).toEqual([ADMIN]);
    expect((await v.admin.call('incidents.update', { ref: incident.ref, patch: { summary: 'Mailbox reset', owner: 'mona' } })).summary).toBe('Mailbox reset');
    const head = (await v.admin.call('log.verify', {})).head!.seq;
    const other = await v.admin.call('incidents.create', { title: 'Someone else\'s', severity: 'SEV4', category: 'other' });
    const assign = expectFailure(await v.admin.attempt('incidents.update', { ref: other.ref, patch: { owner: 'mona' } }), 'VALIDATION');
    expect(assign.message).toBe('owner: mona is disabled and cannot take on an incident; choose someone active (or enable mona first)');
    expectFailure(await v.admin.attempt('incidents.create', { title: 'For mona', severity: 'SEV4', category: 'other', owner: 'mona' }), 'VALIDATION');
    expect((await v.admin.call('incidents.get', { ref: other.ref })).owner).toBeNull();
    // Only the creation of the other incident was recorded: the refusals wrote nothing.
    expect((await v.admin.call('log.verify', {})).head!.seq).toBe(head + 1);
  });

  it('is refused while the vault is locked too, and logged once it opens', async () => {
    await v.addUser('mona', 'responder');
    await v.admin.call('users.disable', { name: 'mona' });
    await v.admin.call('auth.logout', {});
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });

    expectFailure(await login('mona', passphraseFor('mona')), 'ACCOUNT_DISABLED');
    expectFailure(await login('mona', 'any guess at all 123'), 'ACCOUNT_DISABLED');
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
    const admin = await v.signIn(ADMIN);
    const failed = (await admin.call('audit.list', { type: 'auth.login_failed' })).rows;
    expect(failed.map((e) => e.data)).toEqual([
      { user: 'mona', reason: 'disabled', attempt: 2, transport: 'test', recordedLate: true, streamedEarly: true, pendingId: expect.any(String) as string },
      { user: 'mona', reason: 'disabled', attempt: 1, transport: 'test', recordedLate: true, streamedEarly: true, pendingId: expect.any(String) as string },
    ]);
  });

  it('an older vault.json put back still holds the slot, but the database refuses the sign-in', async () => {
    await v.addUser('mona', 'manager');
    const before = vaultText();
    await v.admin.call('users.disable', { name: 'mona' });
    writeFileSync(join(v.dataDir, 'vault.json'), before);
    const refused = expectFailure(await login('mona', passphraseFor('mona')), 'ACCOUNT_DISABLED');
    expect(refused.message).toContain('the account mona is disabled');
  });

  it('hands the recorded administrator (the CLI default) over to the one who disabled them', async () => {
    await v.addUser('root2', 'admin');
    const root2 = await v.signIn('root2');
    await root2.call('users.disable', { name: ADMIN });
    expect(vaultJson().admin).toBe('root2');
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ adminUser: 'root2' });
  });

  it('refuses the last administrator, yourself, an unknown or disabled user, and non-admins; each refusal changes nothing', async () => {
    const mona = await v.addUser('mona', 'responder');
    const before = await snapshot();
    const last = expectFailure(await v.admin.attempt('users.disable', { name: ADMIN }), 'CONFLICT');
    expect(last.message).toBe(`${ADMIN} is the last administrator; make another user admin first`);
    expectFailure(await v.admin.attempt('users.disable', { name: 'nobody' }), 'NOT_FOUND');
    expectFailure(await v.admin.attempt('users.disable', { name: 'mona', reason: '   ' }), 'VALIDATION');
    const forbidden = expectFailure(await mona.attempt('users.disable', { name: ADMIN }), 'FORBIDDEN');
    expect(forbidden.message).toContain('user:manage');
    const after = await snapshot();
    // Only the refused attempt of a non-admin is on the record (auth.denied), nothing else moved.
    expect({ ...after, head: null, count: null }).toEqual({ ...before, head: null, count: null });
    expect(after.count).toBe(before.count + 1);
    expect((await events('auth.denied'))[0]).toMatchObject({ actor: 'mona', data: { method: 'users.disable' } });

    // With a second administrator: yourself is still refused, the other admin may be disabled once.
    await v.addUser('root2', 'admin');
    const withTwo = await snapshot();
    const self = expectFailure(await v.admin.attempt('users.disable', { name: ADMIN }), 'CONFLICT');
    expect(self.message).toBe('you cannot disable your own account; another administrator can');
    expect(await snapshot()).toEqual(withTwo);
    await v.admin.call('users.disable', { name: 'root2' });
    const disabledOnce = await snapshot();
    const again = expectFailure(await v.admin.attempt('users.disable', { name: 'root2' }), 'CONFLICT');
    expect(again.message).toMatch(/^root2 is already disabled \(since .+, by admin\)$/);
    expect(await snapshot()).toEqual(disabledOnce);
    // A disabled administrator does not count: the remaining one is now the last.
    expectFailure(await v.admin.attempt('users.setRole', { name: ADMIN, role: 'responder' }), 'CONFLICT');
    expect(await snapshot()).toEqual(disabledOnce);
  });

  it('a disabled user cannot be brought back with the recovery key (only by enabling)', async () => {
    await v.addUser('mona', 'responder');
    await v.admin.call('users.disable', { name: 'mona' });
    const before = await snapshot();
    const refused = expectFailure(
      await connect(v.backend).attempt('vault.recover', { recoveryKey: v.recoveryKey, user: 'mona', newPassphrase: OWN }),
      'CONFLICT',
    );
    expect(refused.message).toBe('mona is disabled; an administrator can enable them, which sets a new passphrase');
    expect(await snapshot()).toEqual(before);
  });
});

describe('users.enable and the forced passphrase change', () => {
  it('gives a disabled user a new slot; they can then do nothing but change it, then everything again', async () => {
    await v.addUser('mona', 'responder');
    await v.admin.call('users.disable', { name: 'mona' });
    const enabled = await v.admin.call('users.enable', { name: 'mona', newPassphrase: GIVEN });
    expect(enabled).toMatchObject({ status: 'active', disabledAt: null, disabledBy: null, mustChangePassphrase: true });
    expect(slotUsers()).toEqual([ADMIN, 'mona']);
    expect(vaultJson().disabled).toBeUndefined();
    expectFailure(await login('mona', passphraseFor('mona')), 'BAD_CREDENTIALS');

    const mona = await signedIn(v.backend, 'mona', GIVEN);
    expect(await mona.call('auth.session', {})).toMatchObject({ user: 'mona', mustChangePassphrase: true });
    for (const [method, input] of [['incidents.list', {}], ['vault.lock', {}], ['mfa.begin', { passphrase: GIVEN }], ['users.names', {}]] as const) {
      const refused = expectFailure(await mona.raw(method, input), 'PASSPHRASE_CHANGE_REQUIRED');
      expect(refused.message).toContain('mona must choose a new passphrase first');
    }
    // Same passphrase again is no change.
    const same = expectFailure(await mona.attempt('auth.changePassphrase', { current: GIVEN, next: GIVEN }), 'VALIDATION');
    expect(same.issues).toEqual(['next: the new passphrase must differ from the current one']);
    expect(await mona.call('auth.changePassphrase', { current: GIVEN, next: OWN })).toEqual({ changed: true });
    expect(await mona.call('auth.session', {})).toMatchObject({ mustChangePassphrase: false });
    expect(await mona.call('incidents.list', {})).toMatchObject({ total: 0 });
    expectFailure(await login('mona', GIVEN), 'BAD_CREDENTIALS');
    await signedIn(v.backend, 'mona', OWN);

    expect((await events('user.enabled')).map((e) => [e.actor, e.data.name])).toEqual([[ADMIN, 'mona']]);
    expect((await events('user.passphrase_changed')).map((e) => e.data)).toEqual([{ user: 'mona', required: true }]);
    expect(await v.admin.call('log.verify', {})).toMatchObject({ ok: true });
  });

  it('a must-change session may sign out', async () => {
    await v.admin.call('users.add', { name: 'mona', role: 'manager', passphrase: GIVEN });
    const mona = await signedIn(v.backend, 'mona', GIVEN);
    expect(await mona.call('auth.logout', {})).toEqual({ signedOut: true });
    expect(await mona.call('auth.session', {})).toBeNull();
  });

  it('refuses an active or unknown user and a weak passphrase, changing nothing', async () => {
    await v.addUser('mona', 'responder');
    const before = await snapshot();
    const active = expectFailure(await v.admin.attempt('users.enable', { name: 'mona', newPassphrase: GIVEN }), 'CONFLICT');
    expect(active.message).toBe('mona is not disabled; to give them a new passphrase, reset it instead');
    expectFailure(await v.admin.attempt('users.enable', { name: 'nobody', newPassphrase: GIVEN }), 'NOT_FOUND');
    await v.admin.call('users.disable', { name: 'mona' });
    const disabled = await snapshot();
    const weak = expectFailure(await v.admin.attempt('users.enable', { name: 'mona', newPassphrase: 'short1' }), 'VALIDATION');
    expect(weak.issues?.[0]).toMatch(/^newPassphrase: /);
    expect(await snapshot()).toEqual(disabled);
    expect(before.vault).not.toBe(disabled.vault);
  });
});

describe('users.add requires the change at first sign-in', () => {
  it('by default; with mustChangePassphrase: false the passphrase is the user\'s own', async () => {
    const added = await v.admin.call('users.add', { name: 'mona', role: 'responder', passphrase: GIVEN });
    expect(added).toMatchObject({ status: 'active', mustChangePassphrase: true });
    const mona = await signedIn(v.backend, 'mona', GIVEN);
    expectFailure(await mona.attempt('incidents.list', {}), 'PASSPHRASE_CHANGE_REQUIRED');
    expect((await events('user.added')).map((e) => e.data)).toEqual([{ name: 'mona', role: 'responder', mustChangePassphrase: true }]);
    expect((await events('auth.login'))[0]?.data).toMatchObject({ user: 'mona', mustChangePassphrase: true });

    await v.admin.call('users.add', { name: 'bot', role: 'backup-operator', passphrase: GIVEN, mustChangePassphrase: false });
    const bot = await signedIn(v.backend, 'bot', GIVEN);
    expect(await bot.call('auth.session', {})).toMatchObject({ mustChangePassphrase: false });
    expect(await bot.call('backups.plans.list', {})).toEqual([]);
  });
});

describe('users.resetPassphrase', () => {
  it('ends the user\'s sessions, replaces their slot and requires a change at the next sign-in', async () => {
    const mona = await v.addUser('mona', 'legal');
    const ended = endedOn(mona);
    const reset = await v.admin.call('users.resetPassphrase', { name: 'mona', newPassphrase: GIVEN });
    expect(reset).toMatchObject({ status: 'active', mustChangePassphrase: true });
    expect(ended).toEqual([{ reason: 'passphrase_reset' }]);
    expectFailure(await mona.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    expectFailure(await login('mona', passphraseFor('mona')), 'BAD_CREDENTIALS');
    const again = await signedIn(v.backend, 'mona', GIVEN);
    expectFailure(await again.attempt('notify.board', {}), 'PASSPHRASE_CHANGE_REQUIRED');
    expect((await events('user.passphrase_reset')).map((e) => [e.actor, e.data])).toEqual([[ADMIN, { name: 'mona', mfaRemoved: false }]]);
    expect((await events('auth.session_revoked')).map((e) => e.data)).toEqual([{ user: 'mona', reason: 'passphrase_reset' }]);
  });

  it('refuses yourself, a disabled or unknown user and a weak passphrase, changing nothing', async () => {
    await v.addUser('mona', 'legal');
    await v.addUser('olga', 'legal');
    await v.admin.call('users.disable', { name: 'olga' });
    const before = await snapshot();
    const self = expectFailure(await v.admin.attempt('users.resetPassphrase', { name: ADMIN, newPassphrase: GIVEN }), 'CONFLICT');
    expect(self.message).toBe('change your own passphrase under My account (it asks for the current one)');
    const disabled = expectFailure(await v.admin.attempt('users.resetPassphrase', { name: 'olga', newPassphrase: GIVEN }), 'CONFLICT');
    expect(disabled.message).toBe('olga is disabled; enable them, which sets a new passphrase');
    expectFailure(await v.admin.attempt('users.resetPassphrase', { name: 'nobody', newPassphrase: GIVEN }), 'NOT_FOUND');
    expectFailure(await v.admin.attempt('users.resetPassphrase', { name: 'mona', newPassphrase: 'mona mona mona' }), 'VALIDATION');
    expect(await snapshot()).toEqual(before);
    await v.signIn('mona');
  });
});

describe('users.setRole', () => {
  it('ends the user\'s sessions; changing your own role keeps the session you did it from', async () => {
    const mona = await v.addUser('mona', 'manager');
    const ended = endedOn(mona);
    await v.admin.call('users.setRole', { name: 'mona', role: 'responder' });
    expect(ended).toEqual([{ reason: 'role_changed' }]);
    expectFailure(await mona.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    const again = await v.signIn('mona');
    expect(await again.call('auth.session', {})).toMatchObject({ role: 'responder' });

    await v.addUser('root2', 'admin');
    const adminTab = await v.signIn(ADMIN);
    const adminTabEnded = endedOn(adminTab);
    const mine = endedOn(v.admin);
    await v.admin.call('users.setRole', { name: ADMIN, role: 'auditor' });
    expect(mine).toEqual([]);
    expect(await v.admin.call('auth.session', {})).toMatchObject({ user: ADMIN, role: 'auditor' });
    expect(await v.admin.call('audit.list', { limit: 1 })).toMatchObject({ total: expect.any(Number) as number });
    expect(adminTabEnded).toEqual([{ reason: 'role_changed' }]);
    expectFailure(await adminTab.attempt('incidents.list', {}), 'UNAUTHENTICATED');

    // The same role again changes and ends nothing.
    const root2 = await v.signIn('root2');
    const count = (await root2.call('log.verify', {})).count;
    await root2.call('users.setRole', { name: 'mona', role: 'responder' });
    expect((await root2.call('log.verify', {})).count).toBe(count);
    expect(await again.call('auth.session', {})).toMatchObject({ user: 'mona' });
  });
});

describe('another process on the same data directory', () => {
  it('ends its sessions of a disabled, reset or re-roled user within seconds, with the reason', async () => {
    await v.addUser('mona', 'responder');
    await v.addUser('olga', 'responder');
    await v.addUser('pete', 'responder');
    const other = await v.reopen();
    const monaThere = await signedIn(other, 'mona', passphraseFor('mona'));
    const olgaThere = await signedIn(other, 'olga', passphraseFor('olga'));
    const peteThere = await signedIn(other, 'pete', passphraseFor('pete'));
    const [monaEnded, olgaEnded, peteEnded] = [endedOn(monaThere), endedOn(olgaThere), endedOn(peteThere)];

    await v.admin.call('users.disable', { name: 'mona' });
    await v.admin.call('users.resetPassphrase', { name: 'olga', newPassphrase: GIVEN });
    await v.admin.call('users.setRole', { name: 'pete', role: 'auditor' });
    // The other process has not looked yet; its check runs every 2 s.
    expect(monaEnded).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(monaEnded).toEqual([{ reason: 'disabled' }]);
    expect(olgaEnded).toEqual([{ reason: 'passphrase_reset' }]);
    expect(peteEnded).toEqual([{ reason: 'role_changed' }]);
    expectFailure(await monaThere.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    // No session is left there: that process dropped the key.
    expect(await connect(other).call('vault.status', {})).toMatchObject({ unlocked: false });
    const revoked = await events('auth.session_revoked');
    expect(revoked.filter((e) => e.actor === 'system').map((e) => e.data).sort((a, b) => String(a.user).localeCompare(String(b.user)))).toEqual([
      { user: 'mona', reason: 'disabled' },
      { user: 'olga', reason: 'passphrase_reset' },
      { user: 'pete', reason: 'role_changed' },
    ]);
    expectFailure(await connect(other).attempt('auth.login', { user: 'mona', passphrase: passphraseFor('mona') }), 'ACCOUNT_DISABLED');

    // The vault there opens again with a new connection, whose data_version counts anew: still caught.
    const peteAgain = await signedIn(other, 'pete', passphraseFor('pete'));
    const peteAgainEnded = endedOn(peteAgain);
    await v.admin.call('users.disable', { name: 'pete' });
    vi.advanceTimersByTime(2_000);
    expect(peteAgainEnded).toEqual([{ reason: 'disabled' }]);
  });

  it('a call that comes before the check is refused with the reason', async () => {
    await v.addUser('mona', 'responder');
    const other = await v.reopen();
    const monaThere = clientFor(other, other.newConnection('test'));
    await monaThere.call('auth.login', { user: 'mona', passphrase: passphraseFor('mona') });
    const ended = endedOn(monaThere);
    await v.admin.call('users.disable', { name: 'mona' });
    const refused = expectFailure(await monaThere.attempt('incidents.list', {}), 'UNAUTHENTICATED');
    expect(refused.message).toBe('you were signed out: an administrator disabled this account');
    expect(ended).toEqual([{ reason: 'disabled' }]);
  });
});

describe('the administrator\'s own passphrase', () => {
  it('still changes with auth.changePassphrase as before (no change was required)', async () => {
    await v.admin.call('auth.changePassphrase', { current: ADMIN_PASS, next: OWN });
    expect((await events('user.passphrase_changed')).map((e) => e.data)).toEqual([{ user: ADMIN }]);
  });
});
