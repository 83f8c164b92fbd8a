import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret, openTotp, openUserKey, stepAt, totpAt } from '../../../main/auth';
import { Vault, type SlotKey } from '../../../main/vault';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { decryptedPages } from '../../helpers/decryptedPages';
import { withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, TEST_LOG_N, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 2: every key slot gives the same database key, and TOTP secrets were plain
 * columns, so anyone with the file and a slot read everyone's. Each secret is now sealed under
 * its user's own key, which only that user's passphrase unwraps (main/auth/userKeys.ts).
 */
let v: TestVault;
let vault: Vault;
let keyHex: string;
let bobSecret = '';
let carolSecret = '';
/** Signed in as the administrator (again after the vault was locked). */
let admin: TestClient;
const NEW_PASS = 'Lantern-harbour-77-drift';

const code = (secret: string) => totpAt(secret, stepAt(v.clock.now()));
/** The next 30-second step (each code is good once) and past any sign-in backoff. */
const nextStep = () => v.clock.advance(31_000);
const login = (user: string, passphrase: string, otp?: string) =>
  connect(v.backend).attempt('auth.login', otp === undefined ? { user, passphrase } : { user, passphrase, otp });
const raw = <T>(read: (db: RawDb) => T): T => withRawDb(v.dataDir, keyHex, read);
const slotOf = (user: string): string => vault.read().slots.find((s) => s.kind === 'passphrase' && s.user === user)?.id ?? 'none';
const pages = () => decryptedPages(join(v.dataDir, 'firebreak.db'), keyHex);
const anywhere = (text: string) => {
  const p = pages();
  return p.db.includes(text) || p.wal.includes(text);
};
async function openSlot(user: string, passphrase: string): Promise<SlotKey> {
  const opened = await vault.openPassphraseSlot(user, passphrase);
  if (!opened) throw new Error(`${user}'s passphrase does not open the vault`);
  return opened.slot;
}

beforeAll(async () => {
  v = await createTestVault();
  vault = new Vault(v.dataDir, TEST_LOG_N);
  const opened = await vault.openPassphraseSlot(ADMIN, ADMIN_PASS);
  keyHex = opened?.dataKey.toString('hex') ?? '';
  admin = v.admin;
  await (await v.addUser('carol', 'legal')).call('auth.logout', {});
});
afterAll(() => v.dispose());

describe.sequential('TOTP secrets sealed under their own user key', () => {
  let bob: TestClient;

  it("another user's slot opens the database but not bob's secret: not in any table, not in any page, not with the admin's keys", async () => {
    bob = await v.addUser('bob', 'responder');
    bobSecret = (await bob.call('mfa.begin', { passphrase: passphraseFor('bob') })).secret;
    // Pending: sealed already.
    expect(JSON.stringify(raw((db) => db.prepare("SELECT * FROM users WHERE name = 'bob'").get()))).not.toContain(bobSecret);
    await bob.call('mfa.confirm', { code: code(bobSecret) });

    const admin = await openSlot(ADMIN, ADMIN_PASS);
    raw((db) => {
      const row = db.prepare("SELECT totp_sealed, totp_pending_sealed FROM users WHERE name = 'bob'").get() as { totp_sealed: string; totp_pending_sealed: string | null };
      expect(row.totp_pending_sealed).toBeNull();
      expect(Object.keys(JSON.parse(row.totp_sealed) as object).sort()).toEqual(['ciphertext', 'nonce', 'tag']);
      // Every row of every table, as SQL shows it to someone with the file and a slot.
      // (Virtual tables read their content from the others, which are all here.)
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]) {
        expect(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()), name).not.toContain(bobSecret);
      }
      // The admin's KEK does not unwrap bob's key, and the admin's own key does not open bob's secret.
      expect(openUserKey(db, { ...admin, user: 'bob', slotId: slotOf('bob') })).toBeNull();
      const adminKey = openUserKey(db, admin);
      expect(adminKey).not.toBeNull();
      expect(openTotp(adminKey!, 'bob', 'secret', row.totp_sealed)).toBeNull();
      // Bob's own slot does.
      return row;
    });
    const bobSlot = await openSlot('bob', passphraseFor('bob'));
    const opened = raw((db) => {
      const key = openUserKey(db, bobSlot);
      const sealed = (db.prepare("SELECT totp_sealed FROM users WHERE name = 'bob'").get() as { totp_sealed: string }).totp_sealed;
      return key === null ? null : openTotp(key, 'bob', 'secret', sealed);
    });
    expect(opened).toBe(bobSecret);
    // Nor in the pages SQL does not show (free space, WAL); the scanner does see what is there.
    expect(anywhere(bobSecret)).toBe(false);
    expect(anywhere('responder')).toBe(true);
  });

  it('sign-in with the code works after the vault was locked and unlocked, and after bob changes his passphrase', async () => {
    await admin.call('vault.lock', {});
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
    expectFailure(await login('bob', passphraseFor('bob')), 'MFA_REQUIRED');
    nextStep();
    bob = await v.signIn('bob', passphraseFor('bob'), code(bobSecret));
    await bob.call('auth.changePassphrase', { current: passphraseFor('bob'), next: NEW_PASS });
    // One wrapped key left, for the slot vault.json now has: the old passphrase's is gone.
    expect(raw((db) => db.prepare("SELECT slot_id FROM user_keys WHERE user = 'bob'").all())).toEqual([{ slot_id: slotOf('bob') }]);
    await bob.call('auth.logout', {});
    nextStep();
    expectFailure(await login('bob', passphraseFor('bob'), code(bobSecret)), 'BAD_CREDENTIALS');
    nextStep();
    bob = await v.signIn('bob', NEW_PASS, code(bobSecret));
    expect(await bob.call('auth.session', {})).toMatchObject({ mfaEnrolled: true });
  });

  it("a plain secret from before migration 0271 is sealed at its owner's next sign-in, and no copy of it is left in the file", async () => {
    admin = await v.signIn(ADMIN, ADMIN_PASS);
    const plain = generateTotpSecret();
    carolSecret = plain;
    // What migration 0271 leaves for someone enrolled before it: the plain secret moved to totp_legacy, no key of theirs yet.
    raw((db) => {
      db.prepare("INSERT INTO totp_legacy (user, secret) VALUES ('carol', ?)").run(plain);
      db.prepare("DELETE FROM user_keys WHERE user = 'carol'").run();
    });
    expect(anywhere(plain)).toBe(true);
    expectFailure(await login('carol', passphraseFor('carol')), 'MFA_REQUIRED');
    nextStep();
    const signedIn = await v.signIn('carol', passphraseFor('carol'), code(plain));
    expect(raw((db) => db.prepare('SELECT count(*) AS n FROM totp_legacy').get())).toEqual({ n: 0 });
    // Neither the file's pages nor the WAL's frames (checkpointed and truncated after the purge).
    expect(anywhere(plain)).toBe(false);
    const events = await admin.call('audit.list', { type: 'auth.login', limit: 1 });
    expect(events.rows[0]?.data).toMatchObject({ user: 'carol', mfa: true, totpSealed: true });
    await signedIn.call('auth.logout', {});
    nextStep();
    expect((await login('carol', passphraseFor('carol'), code(plain))).ok).toBe(true);
  });

  it('the key made under a passphrase an administrator set is replaced, not rewrapped, at the forced change', async () => {
    const given = 'Given-by-the-admin-55-x';
    await admin.call('users.add', { name: 'dave', role: 'auditor', passphrase: given });
    const dave = await v.signIn('dave', given);
    const before = await openSlot('dave', given);
    const keyBefore = raw((db) => openUserKey(db, before));
    expect(keyBefore).not.toBeNull();
    await dave.call('auth.changePassphrase', { current: given, next: NEW_PASS });
    const after = await openSlot('dave', NEW_PASS);
    const keyAfter = raw((db) => openUserKey(db, after));
    expect(keyAfter).not.toBeNull();
    expect(keyAfter!.equals(keyBefore!)).toBe(false);
    expect(raw((db) => db.prepare("SELECT count(*) AS n FROM user_keys WHERE user = 'dave'").get())).toEqual({ n: 1 });
    // Enrolment seals with the new key; sign-in opens it.
    const { secret } = await dave.call('mfa.begin', { passphrase: NEW_PASS });
    await dave.call('mfa.confirm', { code: code(secret) });
    nextStep();
    expect((await login('dave', NEW_PASS, code(secret))).ok).toBe(true);
  });

  it('the recovery key cannot carry the sealed secret over: refused unless two-factor is reset too, changing nothing', async () => {
    const vaultJson = () => readFileSync(join(v.dataDir, 'vault.json'), 'utf8');
    const before = vaultJson();
    const refused = expectFailure(await connect(v.backend).attempt('vault.recover', { recoveryKey: v.recoveryKey, user: 'bob', newPassphrase: 'Recovered-by-key-88-z' }), 'CONFLICT');
    expect(refused.message).toBe(
      "bob's two-factor secret is sealed under the passphrase being replaced, which the recovery key cannot open: recover again with two-factor reset (resetMfa, --reset-mfa), then bob enrols again after signing in",
    );
    expect(vaultJson()).toBe(before);
    await connect(v.backend).call('vault.recover', { recoveryKey: v.recoveryKey, user: 'bob', newPassphrase: 'Recovered-by-key-88-z', resetMfa: true });
    expect(raw((db) => db.prepare("SELECT totp_sealed FROM users WHERE name = 'bob'").get())).toEqual({ totp_sealed: null });
    expect((await login('bob', 'Recovered-by-key-88-z')).ok).toBe(true);
  });

  it("an administrator removes another user's enrolment (logged), not one that is not there; a passphrase reset removes it too", async () => {
    const none = expectFailure(await admin.attempt('users.resetMfa', { name: 'bob' }), 'CONFLICT');
    expect(none.message).toBe('bob has no two-factor enrolment: nothing was changed');
    nextStep();
    const carol = await v.signIn('carol', passphraseFor('carol'), code(carolSecret));
    expectFailure(await carol.attempt('users.resetMfa', { name: 'dave' }), 'FORBIDDEN');
    expect(await admin.call('users.resetMfa', { name: 'dave' })).toMatchObject({ name: 'dave', mfaEnrolled: false });
    expect((await admin.call('audit.list', { type: 'mfa.reset', limit: 1 })).rows[0]).toMatchObject({ actor: ADMIN, data: { name: 'dave' } });
    expect((await login('dave', NEW_PASS)).ok).toBe(true);

    expect(await admin.call('users.resetPassphrase', { name: 'carol', newPassphrase: 'Handed-over-in-person-61' })).toMatchObject({ mfaEnrolled: false });
    expect((await admin.call('audit.list', { type: 'user.passphrase_reset', limit: 1 })).rows[0]?.data).toEqual({ name: 'carol', mfaRemoved: true });
    expect(raw((db) => db.prepare("SELECT count(*) AS n FROM user_keys WHERE user = 'carol'").get())).toEqual({ n: 0 });
  });
});
