import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../../../contract';
import { openUserKey } from '../../../main/auth';
import { TEXT_WITHHELD, WITHHELD } from '../../../main/incidents';
import { settleIdentity } from '../../../main/pii';
import { Vault } from '../../../main/vault';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { expectFailure, type TestClient } from '../../helpers/client';
import { decryptedPages } from '../../helpers/decryptedPages';
import { withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, TEST_LOG_N, createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 2: with the database file and any user's key slot, a backup operator, manager or
 * auditor read every person's data, masked only by the API. Personal values are now sealed under
 * keys only pii:read users are granted (main/pii, docs/security.md): this file plays the attacker
 * with a real SQLCipher file and a manager's own passphrase, and checks every table and page.
 */
const PII = {
  reporterName: 'Ottilie Brennagh',
  reporterEmail: 'o.brennagh@quillmail.test',
  reporterPhone: '+44 20 7946 0958',
  affectedPeople: ['Ingrid Ostrova', 'Tomasz Wielki'],
};
const NEW_EMAIL = 'ob.second@quillmail.test';
const NEW_PERSON = 'Radomir Szpak';
/** Each value, and parts an attacker would search for (the phone's digits, the mail domain). */
const SECRETS = [...Object.values(PII).flat(), NEW_EMAIL, NEW_PERSON, 'Brennagh', 'quillmail', '2079460958', '7946 0958'];

let v: TestVault;
let vault: Vault;
let ref: string;
let ref2: string;
let rita: TestClient;
let aud: TestClient;

/** The data key from max's (a manager's) own passphrase slot: what he has with the file in hand. */
async function managerKeyHex(): Promise<string> {
  const opened = await vault.openPassphraseSlot('max', passphraseFor('max'));
  if (!opened) throw new Error("max's passphrase does not open the vault");
  return opened.dataKey.toString('hex');
}
const raw = async <T>(read: (db: RawDb) => T): Promise<T> => withRawDb(v.dataDir, await managerKeyHex(), read);

/** Every row of every table (FTS shadow tables included), as text. */
function everyRow(db: RawDb): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).raw().all(), (_k, x: unknown) => (Buffer.isBuffer(x) ? x.toString('latin1') : x))).join('\n');
}

async function expectNoPersonalData(): Promise<void> {
  const rows = await raw(everyRow);
  const pages = decryptedPages(join(v.dataDir, 'firebreak.db'), await managerKeyHex());
  for (const s of SECRETS) {
    expect(rows, `a table holds ${s}`).not.toContain(s);
    expect(pages.db.includes(s), `a page of firebreak.db holds ${s}`).toBe(false);
    expect(pages.wal.includes(s), `the WAL holds ${s}`).toBe(false);
  }
}

const created = (events: TimelineEvent[]) => events.find((e) => e.type === 'incident.created')!.data.fields as Record<string, unknown>;
const signIn = (user: string) => v.signIn(user, user === ADMIN ? ADMIN_PASS : passphraseFor(user));
async function lockAndSignIn(user: string): Promise<TestClient> {
  await (await signIn(ADMIN)).call('vault.lock', {});
  return signIn(user);
}

beforeAll(async () => {
  v = await createTestVault();
  vault = new Vault(v.dataDir, TEST_LOG_N);
  rita = await v.addUser('rita', 'responder');
  await v.addUser('max', 'manager');
  aud = await v.addUser('aud', 'auditor');
  ref = (await rita.call('incidents.create', { title: 'Lost laptop with HR files', severity: 'SEV2', category: 'lost-device', ...PII })).ref;
  await rita.call('incidents.update', { ref, patch: { reporterEmail: NEW_EMAIL, affectedPeople: [...PII.affectedPeople, NEW_PERSON] } });
  // A name typed into free text: the title is for everyone, so the scrubber masks the value in it.
  ref2 = (await rita.call('incidents.create', { title: 'Phone of Piet Vandermolen stolen', severity: 'SEV3', category: 'lost-device', reporterName: 'Piet Vandermolen' })).ref;
});
afterAll(() => v.dispose());

describe.sequential('personal data under keys only pii:read holds', () => {
  it("the database file and a manager's own slot: no personal value in any table, the log, the search index or any page", async () => {
    await expectNoPersonalData();
    // He has every key of his own: the data key, his user key and his key pair — and no grant.
    const opened = (await vault.openPassphraseSlot('max', passphraseFor('max')))!;
    await raw((db) => {
      const userKey = openUserKey(db, opened.slot);
      expect(userKey).not.toBeNull();
      const before = db.prepare("SELECT pii_public FROM users WHERE name = 'max'").get() as { pii_public: string };
      // His private half opens (settleIdentity returns the pair it found, not a new one).
      expect(settleIdentity(db, 'max', userKey!).publicKey).toBe(before.pii_public);
      expect(db.prepare("SELECT count(*) AS n FROM pii_grants WHERE user = 'max'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM pii_escrow').get()).toEqual({ n: 0 });
      expect((db.prepare('SELECT user FROM pii_grants ORDER BY user').all() as { user: string }[]).map((r) => r.user)).toEqual([ADMIN, 'rita']);
      const event = db.prepare("SELECT data FROM events WHERE type = 'incident.created' AND incident_ref = ?").get(ref) as { data: string };
      expect(JSON.parse(event.data)).toMatchObject({ fields: { reporterName: { enc: 'pii-v1' }, affectedPeople: { enc: 'pii-v1' } } });
    });
  });

  it('a pii:read user reads the values through the API, in the incident and in its log; other roles get them masked; the log verifies with no key', async () => {
    expect(await rita.call('incidents.get', { ref })).toMatchObject({ ...PII, reporterEmail: NEW_EMAIL, affectedPeople: [...PII.affectedPeople, NEW_PERSON] });
    expect(created(await rita.call('timeline.forIncident', { ref }))).toMatchObject(PII);
    const masked = await aud.call('incidents.get', { ref });
    expect(masked).toMatchObject({ reporterName: null, reporterEmail: null, affectedPeople: [] });
    expect(JSON.stringify(await aud.call('audit.list', { limit: 100 }))).not.toContain('Brennagh');
    expect(await aud.call('log.verify', {})).toMatchObject({ ok: true });
    // The name in free text is masked for the auditor while a holder is signed in to this process.
    expect((await aud.call('incidents.get', { ref: ref2 })).title).toBe(`Phone of ${WITHHELD} stolen`);
  });

  it('a role change to legal grants the key; back to manager removes the grant and rotates the key, which the others still open', async () => {
    const admin = await signIn(ADMIN);
    await admin.call('users.setRole', { name: 'max', role: 'legal' });
    const changed = await admin.call('audit.list', { type: 'user.role_changed', limit: 1 });
    expect(changed.rows[0]?.data).toMatchObject({ name: 'max', to: 'legal', piiGranted: 'granted' });
    await expect((await signIn('max')).call('incidents.get', { ref })).resolves.toMatchObject({ reporterName: PII.reporterName });

    await admin.call('users.setRole', { name: 'max', role: 'manager' });
    const back = await admin.call('audit.list', { type: 'user.role_changed', limit: 1 });
    expect(back.rows[0]?.data).toMatchObject({ name: 'max', to: 'manager', piiRevoked: true, piiKeyRotated: true });
    await raw((db) => {
      expect(db.prepare("SELECT count(*) AS n FROM pii_grants WHERE user = 'max'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT DISTINCT epoch FROM pii_grants').all()).toEqual([{ epoch: 2 }]);
      expect(db.prepare('SELECT DISTINCT epoch FROM data_subjects').all()).toEqual([{ epoch: 2 }]);
    });
    await expectNoPersonalData();
    // A fresh process state: rita opens the rotated key from her own new grant.
    const ritaAgain = await lockAndSignIn('rita');
    expect(await ritaAgain.call('incidents.get', { ref })).toMatchObject({ reporterName: PII.reporterName });
    expect((await (await signIn('max')).call('incidents.get', { ref })).reporterName).toBeNull();
  });

  it("a pii:read user added while no holder is signed in waits for a grant; the next holder's sign-in completes it", async () => {
    const admin = await signIn(ADMIN);
    await admin.call('users.add', { name: 'lena', role: 'legal', passphrase: passphraseFor('lena'), mustChangePassphrase: false });
    await admin.call('users.add', { name: 'rolf', role: 'responder', passphrase: passphraseFor('rolf'), mustChangePassphrase: false });
    const lena = await lockAndSignIn('lena');
    const rolf = await signIn('rolf');
    const sealed = await lena.call('incidents.get', { ref });
    expect(sealed).toMatchObject({ reporterName: null, affectedPeople: [], personalData: { state: 'withheld' } });
    // Changing what cannot be read is refused and changes nothing.
    const refused = expectFailure(await rolf.attempt('incidents.update', { ref, patch: { reporterName: null } }), 'CONFLICT');
    expect(refused.message).toMatch(/personal-data key is not open in this session.*nothing was changed/);
    expect((await rolf.call('timeline.forIncident', { ref })).filter((e) => e.type === 'incident.updated')).toHaveLength(1);
    expect((await rita.attempt('incidents.get', { ref })).ok).toBe(false); // rita's session ended with the lock

    rita = await signIn('rita');
    expect(await lena.call('incidents.get', { ref })).toMatchObject({ reporterName: PII.reporterName });
    const login = await (await signIn(ADMIN)).call('audit.list', { type: 'auth.login', actor: 'rita', limit: 1 });
    expect(login.rows[0]?.data).toMatchObject({ piiGranted: ['lena', 'rolf'] });
    expect(await (await lockAndSignIn('lena')).call('incidents.get', { ref })).toMatchObject({ reporterName: PII.reporterName });
  });

  it('free text of an incident with sealed values is withheld whole for a role without pii:read while no holder is signed in', async () => {
    aud = await lockAndSignIn('aud');
    expect((await aud.call('incidents.get', { ref: ref2 })).title).toBe(TEXT_WITHHELD);
    // An incident with no personal data is not affected.
    const plain = (await (await signIn(ADMIN)).call('incidents.create', { title: 'Printer jam', severity: 'SEV4', category: 'other' })).ref;
    await (await signIn(ADMIN)).call('vault.lock', {});
    aud = await signIn('aud');
    expect((await aud.call('incidents.get', { ref: plain })).title).toBe('Printer jam');
    rita = await signIn('rita');
    expect((await aud.call('incidents.get', { ref: ref2 })).title).toBe(`Phone of ${WITHHELD} stolen`);
    // rita's sign-in masked the texts the auditor's process had to withhold: from now on a process
    // without the key shows that masked copy, and the copy holds no personal value.
    aud = await lockAndSignIn('aud');
    expect((await aud.call('incidents.get', { ref: ref2 })).title).toBe(`Phone of ${WITHHELD} stolen`);
    expect(await raw((db) => db.prepare('SELECT text, masked FROM pii_masked_text WHERE incident_ref = ?').all(ref2))).toContainEqual({ text: null, masked: `Phone of ${WITHHELD} stolen` });
    // A new reporter value may be named in old text: the incident's copies go, and are made again.
    rita = await signIn('rita');
    await rita.call('incidents.update', { ref: ref2, patch: { reporterEmail: 'piet@quillmail.test' } });
    expect(await raw((db) => db.prepare('SELECT count(*) AS n FROM pii_masked_text WHERE incident_ref = ?').get(ref2))).toEqual({ n: 0 });
  });

  it('search never indexes a sealed value typed into free text: withheld while the writer cannot open it, masked after a holder signs in', async () => {
    const name = 'Wilhelmina Starkweather';
    await (await signIn(ADMIN)).call('users.add', { name: 'nils', role: 'responder', passphrase: passphraseFor('nils'), mustChangePassphrase: false });
    // nils's grant is pending: his process seals what he writes but cannot open it to mask where it is typed.
    const nils = await lockAndSignIn('nils');
    const ref4 = (await nils.call('incidents.create', { title: `Tablet of ${name} stolen`, severity: 'SEV3', category: 'lost-device', reporterName: name, tags: [name, 'tablet'] })).ref;
    await nils.call('incidents.addNote', { ref: ref4, text: `${name} left it on the tram` });
    const index = (db: RawDb) => ({
      title: db.prepare('SELECT search_title AS t, search_tags AS g FROM incidents WHERE ref = ?').get(ref4),
      events: ['starkweather', 'wilhelmina', 'tram'].map((w) => db.prepare('SELECT count(*) FROM events_fts WHERE events_fts MATCH ?').pluck().get(w)),
      incidents: ['"starkweather"', '"wilhelmina"', '"tablet of"'].map((w) => db.prepare('SELECT count(*) FROM incidents_fts WHERE incidents_fts MATCH ?').pluck().get(w)),
      kept: (db.prepare('SELECT body FROM events_search_body').pluck().all() as string[]).filter((b) => /starkweather|wilhelmina/i.test(b)),
    });
    expect(await raw(index)).toEqual({ title: { t: TEXT_WITHHELD, g: JSON.stringify([TEXT_WITHHELD, TEXT_WITHHELD]) }, events: [0, 0, 0], incidents: [0, 0, 0], kept: [] });
    // A holder's sign-in opens the values and indexes the incident masked, as a role without pii:read is shown it.
    rita = await signIn('rita');
    expect(await raw(index)).toEqual({ title: { t: `Tablet of ${WITHHELD} stolen`, g: JSON.stringify([WITHHELD, 'tablet']) }, events: [0, 0, 1], incidents: [0, 0, 1], kept: [] });
    aud = await signIn('aud');
    expect((await aud.call('audit.list', { text: 'tram', offset: 0, limit: 10 })).rows.map((e) => e.data)).toEqual([{ text: `${WITHHELD} left it on the tram` }]);
  });

  it('erasing destroys the key: no one reads the values again, the log still verifies, and the event holds no personal data', async () => {
    const admin = await signIn(ADMIN);
    expectFailure(await (await signIn('max')).attempt('pii.erase', { ref, reason: 'Art. 17 request' }), 'FORBIDDEN');
    expectFailure(await admin.attempt('pii.erase', { ref, reason: '' }), 'VALIDATION');
    const wrapped = await raw((db) => (db.prepare('SELECT sealed FROM data_subjects WHERE incident_ref = ?').get(ref) as { sealed: string }).sealed);
    const done = await admin.call('pii.erase', { ref, reason: 'Art. 17 request, ticket DPO-118' });
    expect(done).toMatchObject({ ref, erasedBy: ADMIN });

    const after: Incident = await rita.call('incidents.get', { ref });
    expect(after).toMatchObject({ reporterName: null, reporterEmail: null, affectedPeople: [], personalData: { state: 'erased', by: ADMIN, reason: 'Art. 17 request, ticket DPO-118' } });
    const events = await rita.call('timeline.forIncident', { ref });
    expect(created(events)).toMatchObject({ reporterName: null });
    expect(events.find((e) => e.type === 'incident.created')!.data.personalData).toBe('erased');
    expect(events.at(-1)).toMatchObject({ type: 'pii.subject_shredded', data: { subject: done.subject, reason: 'Art. 17 request, ticket DPO-118' } });
    expect(await admin.call('log.verify', {})).toMatchObject({ ok: true });
    // After a lock too (no opened key cached), and the wrapped key is in no page of the file or the WAL.
    expect(await (await lockAndSignIn('rita')).call('incidents.get', { ref })).toMatchObject({ reporterName: null, personalData: { state: 'erased' } });
    const pages = decryptedPages(join(v.dataDir, 'firebreak.db'), await managerKeyHex());
    const ciphertext = (JSON.parse(wrapped) as { ciphertext: string }).ciphertext;
    expect(pages.db.includes(ciphertext) || pages.wal.includes(ciphertext)).toBe(false);

    const again = await signIn(ADMIN);
    expectFailure(await again.attempt('pii.erase', { ref, reason: 'twice' }), 'CONFLICT');
    expectFailure(await again.attempt('incidents.update', { ref, patch: { reporterName: 'Someone Else' } }), 'CONFLICT');
  });

  it('firebreak pii erase erases from the command line', async () => {
    const admin = await signIn(ADMIN);
    const ref3 = (await admin.call('incidents.create', { title: 'Misdirected mail', severity: 'SEV3', category: 'data-breach', reporterEmail: 'x.y@quillmail.test' })).ref;
    const run = await runCliInProcess(['--data-dir', v.dataDir, '--user', ADMIN, 'pii', 'erase', '--incident', ref3, '--reason', 'retention period ended'], { FIREBREAK_PASSPHRASE: ADMIN_PASS });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Erased the personal data of ${ref3}`);
    expect(run.code).toBe(0);
    expect(await (await signIn(ADMIN)).call('incidents.get', { ref: ref3 })).toMatchObject({ reporterEmail: null, personalData: { state: 'erased' } });
  });

  it('a holder who changes their passphrase keeps the key: a new key pair under the fresh user key, granted again', async () => {
    const next = 'Quartz-meadow-41-lantern';
    const r = await signIn('rita');
    await r.call('auth.changePassphrase', { current: passphraseFor('rita'), next });
    await (await signIn(ADMIN)).call('vault.lock', {});
    const again = await v.signIn('rita', next);
    expect(await again.call('incidents.get', { ref: ref2 })).toMatchObject({ reporterName: 'Piet Vandermolen' });
  });
});
