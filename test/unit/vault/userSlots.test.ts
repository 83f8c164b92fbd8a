import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, expectFailure } from '../../helpers/client';
import { exportKey } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

interface VaultJson {
  slots: { id: string; kind: string; user: string | null }[];
}

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault();
});
afterEach(() => v.dispose());

const vaultPath = () => join(v.dataDir, 'vault.json');
const readVault = () => JSON.parse(readFileSync(vaultPath(), 'utf8')) as VaultJson;
const login = (user: string, passphrase: string) => connect(v.backend).attempt('auth.login', { user, passphrase });

describe('user key slots', () => {
  it('users.add gives the new user a slot of their own that opens the vault with their passphrase only', async () => {
    const user = await v.admin.call('users.add', { name: 'alice', role: 'legal', passphrase: passphraseFor('alice') });
    expect(user).toMatchObject({ name: 'alice', role: 'legal', mfaEnrolled: false });
    expect(readVault().slots.filter((s) => s.kind === 'passphrase').map((s) => s.user)).toEqual([ADMIN, 'alice']);

    await v.admin.call('auth.logout', {});
    expectFailure(await login('alice', ADMIN_PASS), 'BAD_CREDENTIALS');
    expectFailure(await login(ADMIN, passphraseFor('alice')), 'BAD_CREDENTIALS');
    const alice = await v.signIn('alice');
    expect(await alice.call('auth.session', {})).toMatchObject({ user: 'alice', role: 'legal' });
    // Alice's slot unwraps the same data key as the admin's.
    const admin = await v.signIn(ADMIN);
    expect((await exportKey(admin)).length).toBe(64);
  });

  it('refuses a second user of the same name', async () => {
    await v.admin.call('users.add', { name: 'alice', role: 'legal', passphrase: passphraseFor('alice') });
    expectFailure(await v.admin.attempt('users.add', { name: 'alice', role: 'admin', passphrase: 'Other 7rusty kettle!' }), 'ALREADY_EXISTS');
    expect((await v.admin.call('users.list', {})).find((u) => u.name === 'alice')?.role).toBe('legal');
  });

  it('a slot is bound to its user and id: copied under another name, or with another id, it opens nothing', async () => {
    await v.admin.call('users.add', { name: 'alice', role: 'responder', passphrase: passphraseFor('alice') });
    await v.admin.call('users.add', { name: 'mallory', role: 'manager', passphrase: passphraseFor('mallory') });
    const original = readVault();
    const aliceSlot = original.slots.find((s) => s.user === 'alice')!;

    // Mallory replaces her own slot with a copy of alice's, relabelled as hers, hoping to sign
    // in as mallory with alice's passphrase (or to learn it opens alice's slot).
    const forged = { ...original, slots: [...original.slots.filter((s) => s.user !== 'mallory'), { ...aliceSlot, user: 'mallory' }] };
    writeFileSync(vaultPath(), JSON.stringify(forged));
    expectFailure(await login('mallory', passphraseFor('alice')), 'BAD_CREDENTIALS');

    const renamed = { ...original, slots: original.slots.map((s) => (s.user === 'alice' ? { ...s, id: `${s.id}-x` } : s)) };
    writeFileSync(vaultPath(), JSON.stringify(renamed));
    expectFailure(await login('alice', passphraseFor('alice')), 'BAD_CREDENTIALS');

    writeFileSync(vaultPath(), JSON.stringify(original));
    await v.signIn('alice');
  });
});
