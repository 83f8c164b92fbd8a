import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPassphraseStrength } from '../../../main/vault';
import { connect, expectFailure } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

const WEAK: [string, string][] = [
  ['short', 'Sh0rt!pass'],
  ['one repeated character', 'xxxxxxxxxxxxxxxxxxxx'],
  ['contains the user name', 'the carol passphrase 42'],
  ['one character class under 16', 'onlylowercase'],
  ['common first word', 'Password-but-longer-2026'],
  ['common first word (qwerty)', 'qwerty is my 77 friend'],
];

describe('checkPassphraseStrength', () => {
  it.each(WEAK)('refuses %s', (_why, passphrase) => {
    expect(checkPassphraseStrength(passphrase, 'carol')).toEqual(expect.any(String));
  });

  it('accepts a long phrase, and a shorter one that mixes classes', () => {
    expect(checkPassphraseStrength('correct horse battery staple', 'carol')).toBeNull();
    expect(checkPassphraseStrength('Kettle-8 owls!', 'carol')).toBeNull();
  });
});

describe('weak passphrases through the API', () => {
  let v: TestVault;
  beforeEach(async () => {
    v = await createTestVault();
  });
  afterEach(() => v.dispose());

  it.each(WEAK)('users.add refuses %s with VALIDATION and adds no user or slot', async (_why, passphrase) => {
    const vaultJson = readFileSync(join(v.dataDir, 'vault.json'), 'utf8');
    const err = expectFailure(await v.admin.attempt('users.add', { name: 'carol', role: 'responder', passphrase }), 'VALIDATION');
    expect(err.issues?.[0]).toMatch(/^passphrase: /);
    expect((await v.admin.call('users.list', {})).map((u) => u.name)).toEqual([ADMIN]);
    expect(readFileSync(join(v.dataDir, 'vault.json'), 'utf8')).toBe(vaultJson);
    expectFailure(await connect(v.backend).attempt('auth.login', { user: 'carol', passphrase }), 'BAD_CREDENTIALS');
  });

  it('vault.recover and auth.changePassphrase refuse a weak new passphrase', async () => {
    expectFailure(await v.admin.attempt('auth.changePassphrase', { current: ADMIN_PASS, next: 'aaaaaaaaaaaaaaaaaaaa' }), 'VALIDATION');
    expectFailure(await connect(v.backend).attempt('vault.recover', { recoveryKey: v.recoveryKey, user: ADMIN, newPassphrase: 'admin admin admin 1' }), 'VALIDATION');
    await v.signIn(ADMIN, ADMIN_PASS);
  });
});
