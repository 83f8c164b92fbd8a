import type { Db } from './openDatabase';

/**
 * Rebuilds the whole database once when a migration asked for it (`pending_vacuum`): a value
 * moved out of a table leaves copies in free pages and in unallocated space inside pages (B-tree
 * balancing copies cells and leaves the old bytes), and only a VACUUM rewrites every page. Then
 * the WAL is checkpointed and truncated, so no old frame keeps them either. Busy (another
 * process reading) or out of space: left pending for the next open, and said so in the result.
 */
export function vacuumIfPending(db: Db): 'done' | 'none' | 'deferred' {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pending_vacuum'").get();
  if (table === undefined || db.prepare('SELECT 1 FROM pending_vacuum').get() === undefined) return 'none';
  try {
    db.exec('VACUUM');
    db.prepare('DELETE FROM pending_vacuum').run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return 'done';
  } catch {
    return 'deferred';
  }
}
