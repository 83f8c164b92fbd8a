import type { Db } from './openDatabase';

/**
 * Rewrites a small table so that no byte of a row deleted from it remains in the file: the rows
 * are copied into a new table and the old one dropped with secure_delete on, which overwrites
 * its pages with zeros (a plain DELETE leaves the row in free space, and B-tree balancing can
 * leave older copies of cells inside pages that secure_delete alone never clears). `columns` is
 * the table's definition, as in its CREATE TABLE, so the constraints stay. Runs inside the
 * caller's transaction when there is one. Meant for tables of a few pages (keys, secrets):
 * it copies the whole table. Call checkpointWal after the transaction.
 */
export function purgeTable(db: Db, table: string, columns: string): void {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`purgeTable: not a table name: ${table}`);
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      db.exec(`
        CREATE TABLE ${table}__next ${columns};
        INSERT INTO ${table}__next SELECT * FROM ${table};
        DROP TABLE ${table};
        ALTER TABLE ${table}__next RENAME TO ${table};
      `);
    })();
  } finally {
    db.pragma(`secure_delete = ${before === 1 ? 'ON' : 'OFF'}`);
  }
}

/**
 * Copies the WAL into the database file and truncates it, so frames holding older pages (with
 * what purgeTable removed) are gone from the disk file. Best effort: another connection reading
 * keeps the WAL until its next checkpoint; the result says whether it completed.
 */
export function checkpointWal(db: Db): boolean {
  if (db.inTransaction) return false;
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return row?.busy === 0;
}
