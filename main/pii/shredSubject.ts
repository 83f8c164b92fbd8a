import type { Db } from '../store';
import { purgeTable } from '../store';
import { DATA_SUBJECTS, piiKeyringOf } from './piiKeys';

/**
 * Crypto-shredding: the subject's key is destroyed — its sealed copy nulled and the table
 * rewritten so no byte of it stays in the file (purgeTable), the opened copy zeroed in memory.
 * Every envelope under it, in the incidents table and in the log, stays as it is (the chain still
 * verifies) and opens for no one from now on. Runs in the caller's transaction; checkpointWal after.
 */
export function shredSubject(db: Db, subject: string, by: string, reason: string, now: string): void {
  db.prepare('UPDATE data_subjects SET sealed = NULL, epoch = NULL, shredded_at = ?, shredded_by = ?, shred_reason = ? WHERE id = ?').run(now, by, reason, subject);
  purgeTable(db, 'data_subjects', DATA_SUBJECTS);
  const ring = piiKeyringOf(db);
  ring?.subjects.get(subject)?.fill(0);
  ring?.subjects.delete(subject);
}
