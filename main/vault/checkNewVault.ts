import { join } from 'node:path';
import { ApiFailure } from '../../contract';
import { openDatabase, type Db } from '../store';
import { slotAad } from './slotAad';
import { DB_FILE, VAULT_FILE, readVaultFile, type KeySlot } from './vaultFile';
import { unwrapKey } from './wrapKey';

/**
 * The last step of creating a vault, before success is reported: reads vault.json back from disk;
 * each new slot must unwrap (with the key-encryption key that made it) to the data key, and that
 * key must open the database file on disk with the administrator in it. Catches what no lock can:
 * a writer that does not take the creation lock (an older Firebreak), a disk that lies.
 */
export function checkNewVault(dataDir: string, admin: string, made: readonly { slot: KeySlot; kek: Buffer }[], dataKey: Buffer): void {
  const broken = (why: string) =>
    new ApiFailure('STORAGE', `the new vault did not check out (${why}), so it was not kept: nothing was created; create the vault again`);
  const onDisk = readVaultFile(dataDir);
  for (const { slot, kek } of made) {
    const written = onDisk.slots.find((s) => s.id === slot.id);
    if (!written) throw broken(`${VAULT_FILE} on disk lacks the ${slot.kind} slot just written: another process wrote it at the same time`);
    const key = unwrapKey(kek, written, slotAad(written));
    if (!key?.equals(dataKey)) throw broken(`the ${slot.kind} slot in ${VAULT_FILE} does not give back the database key`);
  }
  let db: Db;
  try {
    db = openDatabase(join(dataDir, DB_FILE), dataKey.toString('hex'), { readonly: true, mustExist: true });
  } catch (err) {
    throw broken(`the key in ${VAULT_FILE} does not open ${DB_FILE}: ${(err as Error).message}`);
  }
  try {
    if (!db.prepare('SELECT name FROM users WHERE name = ?').get(admin)) throw broken(`${DB_FILE} has no user ${admin}`);
  } finally {
    db.close();
  }
}
