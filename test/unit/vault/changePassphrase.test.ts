import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, expectFailure } from '../../helpers/client';
import { exportKey } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

interface Slot {
  id: string;
  kind: string;
  user: string | null;
  kdf: { salt: string };
  ciphertext: string;
}
const NEXT = 'Moss grows 4 ways north';

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault();
  await v.admin.call('users.add', { name: 'alice', role: 'responder', passphrase: passphraseFor('alice') });
});
afterEach(() => v.dispose());

const vaultText = () => readFileSync(join(v.dataDir, 'vault.json'), 'utf8');
const slots = () => (JSON.parse(vaultText()) as { slots: Slot[] }).slots;
const slotOf = (all: Slot[], user: string | null) => all.find((s) => s.user === user)!;

describe('auth.changePassphrase', () => {
  it('rewrites only the caller slot: the data key, the recovery slot and other users slots stay as they were', async () => {
    const keyBefore = await exportKey(v.admin);
    const before = slots();
    expect(await v.admin.call('auth.changePassphrase', { current: ADMIN_PASS, next: NEXT })).toEqual({ changed: true });
    const after = slots();

    expect(after).toHaveLength(before.length);
    expect(slotOf(after, null)).toEqual(slotOf(before, null));
    expect(slotOf(after, 'alice')).toEqual(slotOf(before, 'alice'));
    const [oldAdmin, newAdmin] = [slotOf(before, ADMIN), slotOf(after, ADMIN)];
    expect(newAdmin.kdf.salt).not.toBe(oldAdmin.kdf.salt);
    expect(newAdmin.ciphertext).not.toBe(oldAdmin.ciphertext);
    expect(await exportKey(v.admin)).toBe(keyBefore);

    await v.admin.call('auth.logout', {});
    expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: ADMIN_PASS }), 'BAD_CREDENTIALS');
    const admin = await v.signIn(ADMIN, NEXT);
    expect(await exportKey(admin)).toBe(keyBefore);
    await v.signIn('alice');
  });

  it('a wrong current passphrase or a weak new one changes nothing', async () => {
    const before = vaultText();
    expectFailure(await v.admin.attempt('auth.changePassphrase', { current: 'wrong passphrase 123', next: NEXT }), 'BAD_CREDENTIALS');
    const weak = expectFailure(await v.admin.attempt('auth.changePassphrase', { current: ADMIN_PASS, next: 'tooshort1' }), 'VALIDATION');
    expect(weak.issues?.[0]).toMatch(/^next: /);
    expect(vaultText()).toBe(before);
    await v.signIn(ADMIN, ADMIN_PASS);
  });

  it('needs a session', async () => {
    expectFailure(await connect(v.backend).attempt('auth.changePassphrase', { current: ADMIN_PASS, next: NEXT }), 'UNAUTHENTICATED');
  });
});
