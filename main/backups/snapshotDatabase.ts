import { closeSync, copyFileSync, existsSync, fchmodSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../contract';
import { appendShredLedger, readShredLedger, shredLedgerPath, SHRED_LEDGER_FILE } from '../pii';
import { openDatabase, type Db } from '../store';

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * A consistent copy of the live database for a backup. SQLite3 Multiple Ciphers has no
 * `sqlcipher_export`; its `VACUUM INTO` writes the copy with the main database's cipher and key
 * (so never in plain text). Both are checked before the copy is trusted: the file must not carry
 * the plain-SQLite header, and it must open with the key and pass `quick_check`. `vault.json`
 * (the key slots) goes with it, or the copy could not be opened after a restore. So does the
 * shred ledger (main/pii shredLedger), read and written again entry by entry (a damaged one
 * stops the backup, naming it): a data directory rebuilt from the backup alone still knows
 * what was erased until then. Null when nothing was ever erased.
 */
export function snapshotDatabase(db: Db, keyHex: string, dataDir: string, workDir: string): { db: string; vault: string; ledger: string | null } {
  const file = join(workDir, 'firebreak.db');
  db.prepare('VACUUM INTO ?').run(file);
  const fd = openSync(file, 'r+');
  try {
    // VACUUM INTO creates it 0644 (less the umask); restored, it must be the owner's alone like the original.
    fchmodSync(fd, 0o600);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (readFileSync(file).subarray(0, 16).toString('latin1') === SQLITE_MAGIC) {
    throw new ApiFailure('INTEGRITY', 'the database snapshot was written without encryption; the backup was stopped');
  }
  let copy: Db | null = null;
  try {
    copy = openDatabase(file, keyHex, { readonly: true, mustExist: true });
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new ApiFailure('INTEGRITY', `the database snapshot failed its check: ${String(check)}`);
  } finally {
    copy?.close();
  }
  const vault = join(workDir, 'vault.json');
  const source = join(dataDir, 'vault.json');
  if (!existsSync(source)) throw new ApiFailure('STORAGE', `no vault.json in ${dataDir}`);
  copyFileSync(source, vault);
  const entries = readShredLedger(shredLedgerPath(dataDir));
  if (entries.size === 0) return { db: file, vault, ledger: null };
  const ledger = join(workDir, SHRED_LEDGER_FILE);
  appendShredLedger(ledger, [...entries.values()]);
  return { db: file, vault, ledger };
}
