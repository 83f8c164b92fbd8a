import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTEMPTS_FILE, stepAt, totpAt } from '../../../main/auth';
import { normalizeRecoveryKey } from '../../../main/vault';
import { connect, expectFailure } from '../../helpers/client';
import { hashFiles } from '../../helpers/hashFiles';
import { exportKey } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

const NEW_PASS = 'Rescued 9 lanterns at dawn';

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault();
});
afterEach(() => v.dispose());

/** Another valid-looking key: one character changed to another of the alphabet. */
function otherKey(key: string): string {
  const i = key.length - 1;
  return `${key.slice(0, i)}${key[i] === 'Z' ? 'Y' : 'Z'}`;
}

describe('normalizeRecoveryKey', () => {
  it('accepts what a person types: lower case, spaces, no prefix, O for 0 and I/L for 1', () => {
    const key = 'FBRK-0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
    expect(normalizeRecoveryKey(key)).toBe(key);
    expect(normalizeRecoveryKey(key.toLowerCase())).toBe(key);
    expect(normalizeRecoveryKey(key.replace(/-/g, ' '))).toBe(key);
    expect(normalizeRecoveryKey(key.toLowerCase().replace(/-/g, '  '))).toBe(key);
    expect(normalizeRecoveryKey(key.replace(/^FBRK-/, ''))).toBe(key);
    expect(normalizeRecoveryKey('fbrk-o1il-4567-89ab-cdef-ghjk-mnpq-rstv-wxyz')).toBe('FBRK-0111-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ');
  });

  it('tolerates whitespace around a pasted key', () => {
    const key = 'FBRK-0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
    expect(normalizeRecoveryKey(` ${key}\n`)).toBe(key);
    expect(normalizeRecoveryKey(`  ${key.toLowerCase()}  `)).toBe(key);
  });

  it('refuses a wrong length or a character outside the alphabet', () => {
    expect(normalizeRecoveryKey('FBRK-0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV')).toBeNull();
    expect(normalizeRecoveryKey('FBRK-0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-0000')).toBeNull();
    expect(normalizeRecoveryKey('FBRK-0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYU')).toBeNull();
    expect(normalizeRecoveryKey('')).toBeNull();
  });
});

describe('vault.recover', () => {
  it('sets a new passphrase from the recovery key; the old one then fails and the data key is unchanged', async () => {
    const keyBefore = await exportKey(v.admin);
    await v.admin.call('auth.logout', {});
    const r = await connect(v.backend).call('vault.recover', { recoveryKey: v.recoveryKey, user: ADMIN, newPassphrase: NEW_PASS });
    expect(r).toEqual({ user: ADMIN });
    // Recovery does not sign anybody in: the vault is locked again.
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });

    expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: ADMIN_PASS }), 'BAD_CREDENTIALS');
    const admin = await v.signIn(ADMIN, NEW_PASS);
    expect(await exportKey(admin)).toBe(keyBefore);
    const events = await admin.call('audit.list', { type: 'vault.recovered' });
    expect(events.rows[0]?.data).toEqual({ user: ADMIN, mfaReset: false, piiKey: 'granted', piiKeyVia: 'recovery-key', piiRecoveryHolder: 'kept' });
  });

  it('accepts the key typed in lower case with spaces', async () => {
    await v.admin.call('auth.logout', {});
    const typed = v.recoveryKey.toLowerCase().replace(/-/g, ' ');
    await connect(v.backend).call('vault.recover', { recoveryKey: typed, user: ADMIN, newPassphrase: NEW_PASS });
    await v.signIn(ADMIN, NEW_PASS);
  });

  it('a wrong recovery key is BAD_CREDENTIALS and changes neither the database nor the key slots', async () => {
    await v.admin.call('auth.logout', {});
    // The security stream takes failed sign-ins at a locked vault at once (docs/security.md), so it changes too.
    const { [ATTEMPTS_FILE]: _attemptsBefore, 'security-events.jsonl': _streamBefore, 'security-events.cursor': _cursorBefore, ...before } = hashFiles(v.dataDir);
    for (const recoveryKey of [otherKey(v.recoveryKey), 'FBRK-not-a-key-at-all']) {
      expectFailure(await connect(v.backend).attempt('vault.recover', { recoveryKey, user: ADMIN, newPassphrase: NEW_PASS }), 'BAD_CREDENTIALS');
    }
    // Only the backoff counters, the failures waiting for the log and the stream: never the database or the key slots.
    const { [ATTEMPTS_FILE]: attempts, 'security-events.jsonl': _stream, 'security-events.cursor': _cursor, ...after } = hashFiles(v.dataDir);
    expect(after).toEqual(before);
    expect(attempts).not.toBe(_attemptsBefore);
    await v.signIn(ADMIN, ADMIN_PASS);
    expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: NEW_PASS }), 'BAD_CREDENTIALS');
  });

  it('refuses an unknown user or a weak new passphrase without touching vault.json', async () => {
    const vaultJson = () => readFileSync(join(v.dataDir, 'vault.json'), 'utf8');
    const before = vaultJson();
    expectFailure(await connect(v.backend).attempt('vault.recover', { recoveryKey: v.recoveryKey, user: 'nobody', newPassphrase: NEW_PASS }), 'NOT_FOUND');
    expectFailure(await connect(v.backend).attempt('vault.recover', { recoveryKey: v.recoveryKey, user: ADMIN, newPassphrase: 'short' }), 'VALIDATION');
    expect(vaultJson()).toBe(before);
  });

  it('with resetMfa, removes TOTP so a user who lost the device can sign in again', async () => {
    const { secret } = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    await v.admin.call('mfa.confirm', { code: totpAt(secret, stepAt(v.clock.now())) });
    await v.admin.call('auth.logout', {});
    expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: ADMIN_PASS }), 'MFA_REQUIRED');
    await connect(v.backend).call('vault.recover', { recoveryKey: v.recoveryKey, user: ADMIN, newPassphrase: NEW_PASS, resetMfa: true });
    const admin = await v.signIn(ADMIN, NEW_PASS);
    expect(await admin.call('auth.session', {})).toMatchObject({ mfaEnrolled: false });
  });
});
