import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '../store';
import { DB_FILE } from './vaultFile';

/** Opens the data directory's database with the unwrapped data key and brings its schema up to date. */
export function openVaultDatabase(dataDir: string, dataKey: Buffer): Db {
  const db = openDatabase(join(dataDir, DB_FILE), dataKey.toString('hex'));
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
