import { join } from 'node:path';
import { migrate, openDatabase, vacuumIfPending, type Db } from '../store';
import { DB_FILE } from './vaultFile';

/**
 * Opens the data directory's database with the unwrapped data key and brings its schema up to
 * date; a migration that moved secrets out of a table has the database rebuilt here, once
 * (vacuumIfPending: when another process holds it busy, at a later open).
 */
export function openVaultDatabase(dataDir: string, dataKey: Buffer): Db {
  const db = openDatabase(join(dataDir, DB_FILE), dataKey.toString('hex'));
  try {
    migrate(db);
    vacuumIfPending(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
