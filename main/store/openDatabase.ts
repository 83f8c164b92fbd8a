import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { ApiFailure } from '../../contract';
import { nativeBindingPath } from './nativeBinding';

export type Db = Database.Database;

/**
 * Opens (or creates) the SQLCipher 4 database with a raw 256-bit key. The key is applied before
 * anything is read, and checked by reading the schema: a wrong key fails here, before any write.
 */
export function openDatabase(file: string, keyHex: string, opts: { readonly?: boolean; mustExist?: boolean } = {}): Db {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new ApiFailure('INTERNAL', 'database key must be 64 hex characters');
  const binding = nativeBindingPath();
  if (!opts.readonly && opts.mustExist !== true) createOwnerOnly(file);
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.mustExist ?? false,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  try {
    // SQLCipher 4 defaults (legacy=4), so `PRAGMA key = "x'…'"` in standard SQLCipher 4 tools opens it.
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    throw classifyOpenError(err);
  }
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a committed log entry survives power loss, not only a process crash.
    db.pragma('synchronous = FULL');
  }
  // SQLCipher decrypts every page it reads into the cache; the default 2 MiB makes list and
  // search queries re-decrypt the same pages (docs/benchmarks.md). 64 MiB is cheap on a desktop.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * SQLite creates a new database file 0644 (less the umask), and its -wal and -shm files with the
 * database file's mode: created empty and owner-only first, all three stay 0600 (issue 13).
 */
function createOwnerOnly(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function classifyOpenError(err: unknown): ApiFailure {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') {
    return new ApiFailure('BAD_CREDENTIALS', 'the database key does not open this database (wrong key, or the file is not a Firebreak database)');
  }
  if (code === 'SQLITE_CORRUPT') return new ApiFailure('STORAGE', 'the database file is corrupt; restore it from a backup');
  if (code === 'SQLITE_CANTOPEN') return new ApiFailure('STORAGE', 'the database file cannot be opened (missing or no permission)');
  return new ApiFailure('STORAGE', `cannot open the database: ${(err as Error).message}`);
}
