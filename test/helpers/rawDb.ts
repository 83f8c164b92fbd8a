import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { TestClient } from './client';

export type RawDb = Database.Database;

/**
 * Opens firebreak.db directly with the exported data key, as an attacker or an auditor with
 * standard SQLCipher 4 tooling would, bypassing Firebreak entirely (same settings as
 * main/store/openDatabase.ts: cipher sqlcipher, legacy 4, raw hex key).
 */
export function openRawDb(dataDir: string, keyHex: string): RawDb {
  const db = new Database(join(dataDir, 'firebreak.db'), { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  return db;
}

/** The data key, through the API (an admin-only, audited call). */
export async function exportKey(client: TestClient): Promise<string> {
  return (await client.call('vault.exportKey', {})).keyHex;
}

/** Runs `edit` on the raw database and closes it again, even if `edit` throws. */
export function withRawDb<T>(dataDir: string, keyHex: string, edit: (db: RawDb) => T): T {
  const db = openRawDb(dataDir, keyHex);
  try {
    return edit(db);
  } finally {
    db.close();
  }
}
