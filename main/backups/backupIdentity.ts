import type { Db } from '../store';
import { generateIdentity, recipientOf } from './age';

/**
 * The vault's own X25519 backup identity: created with the first plan, kept only inside the
 * encrypted database, exported (admin, audited) for offline storage. Every backup is encrypted
 * to its recipient, so the database key is never needed to read a backup.
 */
export function backupIdentity(db: Db, now: string): { identity: string; recipient: string } {
  const row = db.prepare('SELECT identity, recipient FROM backup_identity WHERE id = 1').get() as { identity: string; recipient: string } | undefined;
  if (row) return row;
  const fresh = generateIdentity();
  if (recipientOf(fresh.identity) !== fresh.recipient) throw new Error('generated backup identity does not match its recipient');
  db.prepare('INSERT INTO backup_identity (id, identity, recipient, created_at) VALUES (1, ?, ?, ?)').run(fresh.identity, fresh.recipient, now);
  return fresh;
}
