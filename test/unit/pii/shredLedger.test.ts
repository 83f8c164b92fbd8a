import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHRED_LEDGER_FILE } from '../../../main/pii';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 2: a database restored from a backup made before an erasure held the erased
 * subject's key again. The shred ledger (main/pii shredLedger) lives beside the database, goes
 * into every backup with it, and is applied whenever the database is opened
 * (main/incidents reapplyShredLedger): a real backup, a real restore, a real unlock.
 */
const REASON = 'Art. 17 request, ticket DPO-118';
let v: TestVault;
let keyHex: string;
let target: string;
let restored: string;
let erasedRef: string;
let keptRef: string;
let subject: string;
let backupId: string;

const ledgerFile = () => join(v.dataDir, SHRED_LEDGER_FILE);
const ledgerLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
const subjectRow = (ref: string) => withRawDb(v.dataDir, keyHex, (db) => db.prepare('SELECT id, sealed IS NULL AS shredded, shredded_at AS at, shredded_by AS by FROM data_subjects WHERE incident_ref = ?').get(ref));
const headSeq = () => withRawDb(v.dataDir, keyHex, (db) => db.prepare('SELECT max(seq) FROM events').pluck().get());

/** The operator's way back (README "Lost the machine…"): Firebreak stopped, the restored firebreak.db and vault.json copied into the data directory. */
async function putBackRestoredDatabase(admin: TestClient): Promise<void> {
  await admin.call('vault.lock', {});
  for (const f of ['firebreak.db-wal', 'firebreak.db-shm']) rmSync(join(v.dataDir, f), { force: true });
  for (const f of ['firebreak.db', 'vault.json']) copyFileSync(join(restored, 'firebreak-data', f), join(v.dataDir, f));
}

beforeAll(async () => {
  v = await createTestVault();
  keyHex = await exportKey(v.admin);
  target = makeTempDataDir('shred-target');
  restored = makeTempDataDir('shred-restored');
  erasedRef = (await v.admin.call('incidents.create', { title: 'Lost laptop', severity: 'SEV2', category: 'lost-device', reporterName: 'Ottilie Brennagh', affectedPeople: ['Ingrid Ostrova'] })).ref;
  keptRef = (await v.admin.call('incidents.create', { title: 'Stolen phone', severity: 'SEV3', category: 'lost-device', reporterName: 'Piet Vandermolen' })).ref;
  await v.admin.call('backups.plans.add', { name: 'nightly', target, includeDatabase: true });
  // The backup is made before the erasure: it holds the subject's key.
  backupId = (await v.admin.call('backups.run', { name: 'nightly' })).id;
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(target);
  removeTempDataDir(restored);
});

describe.sequential('the shred ledger keeps erasures through a restore', () => {
  it('an erasure is written to the ledger beside the database: 0600, the subject, when, by whom and the event, no reason and no personal data', async () => {
    const erased = await v.admin.call('pii.erase', { ref: erasedRef, reason: REASON });
    subject = erased.subject;
    expect(statSync(ledgerFile()).mode & 0o777).toBe(0o600);
    expect(ledgerLines(ledgerFile())).toEqual([{ v: 1, subject, erasedAt: erased.erasedAt, erasedBy: ADMIN, seq: erased.seq }]);
    const text = readFileSync(ledgerFile(), 'utf8');
    for (const s of ['Brennagh', 'Ostrova', 'DPO-118', erasedRef]) expect(text).not.toContain(s);
  });

  it('a restore of the older database leaves the union of its ledger and the live one beside it', async () => {
    const report = await v.admin.call('backups.restore', { id: backupId, to: restored, path: 'firebreak-data' });
    expect(report.files).toBe(2);
    // The backup had no ledger (nothing erased then); the restored folder now holds the live one's erasure.
    expect(ledgerLines(join(restored, 'firebreak-data', SHRED_LEDGER_FILE))).toEqual(ledgerLines(ledgerFile()));
    const event = (await v.admin.call('audit.list', { type: 'backup.restored', limit: 1 })).rows[0]!;
    expect(event.data).toMatchObject({ id: backupId, databaseFiles: ['firebreak-data/firebreak.db', 'firebreak-data/vault.json'], shredLedgerMerged: 1 });
  });

  it('the restored database, put back and unlocked, is erased again at once: the event says so and the log verifies', async () => {
    await putBackRestoredDatabase(await v.signIn(ADMIN));
    // Before the unlock: the restored file holds the key again.
    expect(subjectRow(erasedRef)).toMatchObject({ id: subject, shredded: 0 });
    const admin = await v.signIn(ADMIN);
    expect(subjectRow(erasedRef)).toMatchObject({ id: subject, shredded: 1 });
    expect(await admin.call('incidents.get', { ref: erasedRef })).toMatchObject({ reporterName: null, affectedPeople: [], personalData: { state: 'erased', by: ADMIN } });
    expect(await admin.call('incidents.get', { ref: keptRef })).toMatchObject({ reporterName: 'Piet Vandermolen' });
    const reapplied = (await admin.call('audit.list', { type: 'pii.shred_reapplied', limit: 5 })).rows;
    expect(reapplied).toHaveLength(1);
    expect(reapplied[0]).toMatchObject({ actor: 'system', incidentRef: erasedRef, data: { subject, erasedBy: ADMIN } });
    expect(await admin.call('log.verify', {})).toMatchObject({ ok: true });
    // Applied once: the next unlock finds nothing to do.
    await admin.call('vault.lock', {});
    const again = await v.signIn(ADMIN);
    expect((await again.call('audit.list', { type: 'pii.shred_reapplied', limit: 5 })).rows).toHaveLength(1);
  });

  it('a ledger put back from an older copy gets the erasures the database records written back (union), logged', async () => {
    const admin = await v.signIn(ADMIN);
    await admin.call('vault.lock', {});
    rmSync(ledgerFile());
    const again = await v.signIn(ADMIN);
    expect(ledgerLines(ledgerFile())).toEqual([expect.objectContaining({ subject, erasedBy: ADMIN }) as unknown]);
    expect((await again.call('audit.list', { type: 'pii.shred_ledger_written', limit: 1 })).rows[0]?.data).toMatchObject({ added: 1 });
  });

  it('a damaged ledger keeps the vault locked with a message naming the line and the fix; nothing is written; repaired, it opens', async () => {
    await (await v.signIn(ADMIN)).call('vault.lock', {});
    const good = readFileSync(ledgerFile(), 'utf8');
    const before = headSeq();
    writeFileSync(ledgerFile(), `${good}{"v":1,"subject":"torn`, { mode: 0o600 });
    const r = await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: 'Tr0ub4dor&3 horse staple' });
    const error = expectFailure(r, 'STORAGE');
    expect(error.message).toMatch(/shred ledger .* is damaged at line 2: .*does not open until it reads.*firebreak-data\/shred-ledger\.jsonl/);
    expect(await connect(v.backend).call('vault.status', {})).toMatchObject({ unlocked: false });
    expect(headSeq()).toBe(before);
    // Unreadable (here: a directory in its place, which fails for root too): refused the same way.
    rmSync(ledgerFile());
    mkdirSync(ledgerFile());
    const denied = expectFailure(await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: 'Tr0ub4dor&3 horse staple' }), 'STORAGE');
    expect(denied.message).toMatch(/cannot read the shred ledger .*\(EISDIR\).*does not open without it/);
    expect(headSeq()).toBe(before);
    rmSync(ledgerFile(), { recursive: true });
    writeFileSync(ledgerFile(), good, { mode: 0o600 });
    const admin = await v.signIn(ADMIN);
    expect(await admin.call('incidents.get', { ref: erasedRef })).toMatchObject({ personalData: { state: 'erased' } });
  });

  it('later backups hold the ledger, and an erasure that cannot be written to the ledger is refused, erasing nothing', async () => {
    const admin = await v.signIn(ADMIN);
    const id = (await admin.call('backups.run', { name: 'nightly' })).id;
    const other = makeTempDataDir('shred-restored-2');
    try {
      await admin.call('backups.restore', { id, to: other, path: `firebreak-data/${SHRED_LEDGER_FILE}` });
      expect(ledgerLines(join(other, 'firebreak-data', SHRED_LEDGER_FILE))).toEqual(ledgerLines(ledgerFile()));
    } finally {
      removeTempDataDir(other);
    }
    // A ledger that cannot be appended to (a directory in its place: fails for root too).
    const good = readFileSync(ledgerFile(), 'utf8');
    rmSync(ledgerFile());
    mkdirSync(ledgerFile());
    const before = headSeq();
    const refused = expectFailure(await admin.attempt('pii.erase', { ref: keptRef, reason: 'retention ended' }), 'STORAGE');
    expect(refused.message).toMatch(/cannot write the shred ledger .*\(EISDIR\).*nothing was erased/);
    expect(headSeq()).toBe(before);
    expect(await admin.call('incidents.get', { ref: keptRef })).toMatchObject({ reporterName: 'Piet Vandermolen' });
    rmSync(ledgerFile(), { recursive: true });
    writeFileSync(ledgerFile(), good, { mode: 0o600 });
  });
});
