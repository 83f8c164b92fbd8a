import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { connect, expectFailure } from '../../helpers/client';
import { exportKey, withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 2: a vault whose only pii:read user was recovered with the recovery key lost its
 * personal data for good. The recovery key is now a holder of the personal-data key (main/pii
 * recoveryHolder, docs/security.md "Keys"): `vault recover` grants the key to the recovered user.
 */
const PII = { reporterName: 'Ottilie Brennagh', reporterEmail: 'o.brennagh@quillmail.test', affectedPeople: ['Ingrid Ostrova'] };

let v: TestVault;
let keyHex: string;
let ref: string;
let pass = ADMIN_PASS;
let n = 0;

const raw = <T>(read: (db: RawDb) => T): T => withRawDb(v.dataDir, keyHex, read);
/** What holds the personal-data key in the file: the users' grants and the recovery key's, per epoch. */
const holders = () =>
  raw((db) => ({
    users: db.prepare('SELECT user, epoch, sealed FROM pii_grants ORDER BY user').all(),
    recovery: db.prepare('SELECT epoch, sealed FROM pii_recovery_grants ORDER BY epoch').all(),
    publicKey: db.prepare('SELECT public_key FROM pii_recovery').pluck().get(),
  }));

/** Locks the vault, recovers the administrator with the recovery key; the new passphrase is theirs from now on. */
async function recoverAdmin(): Promise<Record<string, unknown>> {
  const admin = await v.signIn(ADMIN, pass);
  await admin.call('vault.lock', {});
  pass = `Rescued ${++n} lanterns at dawn`;
  await connect(v.backend).call('vault.recover', { recoveryKey: v.recoveryKey, user: ADMIN, newPassphrase: pass });
  const again = await v.signIn(ADMIN, pass);
  return (await again.call('audit.list', { type: 'vault.recovered', limit: 1 })).rows[0]!.data;
}

/** One grant to the recovery key, at that epoch. */
const sealedAt = (epoch: number): unknown[] => [{ epoch, sealed: expect.stringContaining('"epk"') as unknown }];

/** Another valid-looking key: one character changed to another of the alphabet. */
const otherKey = (key: string) => `${key.slice(0, -1)}${key.endsWith('Z') ? 'Y' : 'Z'}`;

beforeAll(async () => {
  // One administrator, no responder or legal user: the administrator is the only holder.
  v = await createTestVault();
  keyHex = await exportKey(v.admin);
  ref = (await v.admin.call('incidents.create', { title: 'Lost laptop with HR files', severity: 'SEV2', category: 'lost-device', ...PII })).ref;
});
afterAll(() => v.dispose());

describe.sequential('the recovery key holds the personal-data key', () => {
  it('at creation: its public half is recorded and the key is granted to it; the creation says so', async () => {
    const h = holders();
    expect(h.users).toHaveLength(1);
    expect(h.recovery).toEqual(sealedAt(1));
    expect(typeof h.publicKey).toBe('string');
    // Only the public half: the recovery key itself is in no table.
    expect(JSON.stringify(raw((db) => db.prepare('SELECT * FROM pii_recovery').all()))).not.toContain(v.recoveryKey.slice(5, 14));
    const created = await v.admin.call('audit.list', { type: 'vault.created', limit: 1 });
    expect(created.rows[0]?.data).toEqual({ admin: ADMIN, piiRecoveryKeyGranted: true });
  });

  it('a wrong recovery key is refused and changes no grant', async () => {
    const before = holders();
    await v.admin.call('vault.lock', {});
    expectFailure(await connect(v.backend).attempt('vault.recover', { recoveryKey: otherKey(v.recoveryKey), user: ADMIN, newPassphrase: 'Rescued 0 lanterns at dawn' }), 'BAD_CREDENTIALS');
    expect(holders()).toEqual(before);
    expect(await (await v.signIn(ADMIN, pass)).call('incidents.get', { ref })).toMatchObject(PII);
  });

  it('the only holder recovered with the recovery key reads the personal data again, granted through the recovery key', async () => {
    const before = holders();
    const data = await recoverAdmin();
    expect(data).toEqual({ user: ADMIN, mfaReset: false, piiKey: 'granted', piiKeyVia: 'recovery-key', piiRecoveryHolder: 'kept' });
    const after = holders();
    // A new key pair for the administrator's new own key, and a new grant to it; the recovery key's grant stays.
    expect(after.users).toHaveLength(1);
    expect(after.users).not.toEqual(before.users);
    expect(after.recovery).toEqual(before.recovery);
    expect(await (await v.signIn(ADMIN, pass)).call('incidents.get', { ref })).toMatchObject(PII);
    expect(await (await v.signIn(ADMIN, pass)).call('log.verify', {})).toMatchObject({ ok: true });
  });

  it('after a rotation too: the rotated key is sealed to the recovery key again, the old grant gone', async () => {
    const admin = await v.signIn(ADMIN, pass);
    await admin.call('users.add', { name: 'rita', role: 'responder', passphrase: passphraseFor('rita'), mustChangePassphrase: false });
    await admin.call('users.setRole', { name: 'rita', role: 'manager' });
    const changed = await admin.call('audit.list', { type: 'user.role_changed', limit: 1 });
    expect(changed.rows[0]?.data).toMatchObject({ piiRevoked: true, piiKeyRotated: true });
    expect(holders().recovery).toEqual(sealedAt(2));

    const data = await recoverAdmin();
    expect(data).toMatchObject({ piiKey: 'granted', piiKeyVia: 'recovery-key', piiRecoveryHolder: 'kept' });
    expect(await (await v.signIn(ADMIN, pass)).call('incidents.get', { ref })).toMatchObject(PII);
    // The recovery key's grant is no door for anyone else: rita (a manager now) still reads nothing.
    const rita = await v.signIn('rita');
    expect(await rita.call('incidents.get', { ref })).toMatchObject({ reporterName: null, affectedPeople: [] });
  });

  it('a vault from before (no recovery holder recorded): the first recovery records it, and the next holder sign-in grants it the key', async () => {
    const admin = await v.signIn(ADMIN, pass);
    await admin.call('users.add', { name: 'lena', role: 'legal', passphrase: passphraseFor('lena'), mustChangePassphrase: false });
    await v.signIn('lena');
    // As migration 320 leaves a vault created before it.
    raw((db) => db.exec('DELETE FROM pii_recovery_grants; DELETE FROM pii_recovery;'));
    const data = await recoverAdmin();
    // The recovery key could not open the key yet (no grant); lena's next sign-in grants the administrator and the recovery key.
    expect(data).toEqual({ user: ADMIN, mfaReset: false, piiKey: 'pending', piiRecoveryHolder: 'registered' });
    expect((await (await v.signIn(ADMIN, pass)).call('incidents.get', { ref })).personalData).toEqual({ state: 'withheld' });
    await (await v.signIn(ADMIN, pass)).call('vault.lock', {});
    await v.signIn('lena');
    const admin2 = await v.signIn(ADMIN, pass);
    const login = (await admin2.call('audit.list', { type: 'auth.login', actor: 'lena', limit: 1 })).rows[0]!.data;
    expect(login).toMatchObject({ piiGranted: [ADMIN], piiRecoveryKeyGranted: true });
    expect(holders().recovery).toEqual(sealedAt(2));
    // From then on the recovery key recovers the administrator alone: lena leaves (the key rotates, to epoch 3).
    await admin2.call('users.disable', { name: 'lena', reason: 'left' });
    expect(holders().recovery).toEqual(sealedAt(3));
    const again = await recoverAdmin();
    expect(again).toMatchObject({ piiKey: 'granted', piiKeyVia: 'recovery-key', piiRecoveryHolder: 'kept' });
    expect(await (await v.signIn(ADMIN, pass)).call('incidents.get', { ref })).toMatchObject(PII);
  });

  it('an older vault registers its recovery key once (firebreak vault register-recovery-key): from then on a recovery keeps the personal data', async () => {
    raw((db) => db.exec('DELETE FROM pii_recovery_grants; DELETE FROM pii_recovery;'));
    const admin = await v.signIn(ADMIN, pass);
    // A wrong key and a role without user:manage change nothing.
    expectFailure(await admin.attempt('vault.registerRecoveryKey', { recoveryKey: otherKey(v.recoveryKey) }), 'BAD_CREDENTIALS');
    expectFailure(await (await v.signIn('rita')).attempt('vault.registerRecoveryKey', { recoveryKey: v.recoveryKey }), 'FORBIDDEN');
    // An administrator whose grant is pending (first sign-in while no holder is signed in) cannot grant what this process does not hold.
    await admin.call('users.add', { name: 'ada', role: 'admin', passphrase: passphraseFor('ada'), mustChangePassphrase: false });
    await admin.call('vault.lock', {});
    const ada = await v.signIn('ada');
    const pending = expectFailure(await ada.attempt('vault.registerRecoveryKey', { recoveryKey: v.recoveryKey }), 'CONFLICT');
    expect(pending.message).toMatch(/personal-data key is not open in this session .*nothing was changed/);
    expect(holders()).toMatchObject({ recovery: [], publicKey: undefined });

    const file = join(v.dataDir, 'recovery-key.txt');
    writeFileSync(file, `${v.recoveryKey}\n`, { mode: 0o600 });
    const run = await runCliInProcess(['--data-dir', v.dataDir, '--user', ADMIN, 'vault', 'register-recovery-key', '--recovery-file', file], { FIREBREAK_PASSPHRASE: pass });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('The recovery key now holds the personal-data key (granted now).');
    expect(run.code).toBe(0);
    expect(holders().recovery).toEqual(sealedAt(3));
    const logged = (await (await v.signIn(ADMIN, pass)).call('audit.list', { type: 'vault.recovery_key_registered', limit: 1 })).rows[0]!;
    expect(logged).toMatchObject({ actor: ADMIN, data: { recoveryHolder: 'registered', piiKeyGranted: true } });
    expect(JSON.stringify(logged)).not.toContain(v.recoveryKey.slice(5, 14));

    expect(await recoverAdmin()).toMatchObject({ piiKey: 'granted', piiKeyVia: 'recovery-key', piiRecoveryHolder: 'kept' });
    expect(await (await v.signIn(ADMIN, pass)).call('incidents.get', { ref })).toMatchObject(PII);
  });
});
