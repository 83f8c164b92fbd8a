import { appendShredLedger, readShredLedger, shredLedgerPath, shredSubject, type ShredLedgerEntry } from '../pii';
import { checkpointWal, type Db } from '../store';
import { appendEvent } from '../timeline';

/** What an unlock did with the shred ledger (for tests and the caller's own record; the log has it too). */
export interface ShredLedgerReapplied {
  /** Subjects the ledger lists as erased whose key this database still held: destroyed again. */
  reapplied: string[];
  /** Erasures this database recorded that the ledger lacked: written to it. */
  written: number;
}

const PAGE = 500;

/**
 * Runs whenever the vault's database is opened (createBackend unlockWith), so also right after a
 * database was put back from a backup. Both copies of what was erased are made the union of both:
 *
 * - every subject the ledger lists whose key this database still holds (it was restored from a
 *   copy made before the erasure) is destroyed again as `eraseIncidentPersonalData` destroyed it,
 *   keeping the first erasure's time and author, and `pii.shred_reapplied` is logged;
 * - every erasure this database records that the ledger lacks (a ledger put back from an older
 *   copy, or erasures made before the ledger existed) is appended to it, and
 *   `pii.shred_ledger_written` is logged.
 *
 * A ledger that cannot be read throws (readShredLedger) before anything is written: the caller
 * does not open the vault (fail closed: erased data never comes back unnoticed).
 */
export function reapplyShredLedger(db: Db, dataDir: string, now: string): ShredLedgerReapplied {
  const file = shredLedgerPath(dataDir);
  const ledger = readShredLedger(file);
  const find = db.prepare('SELECT id, incident_ref AS ref, shredded_at AS shreddedAt FROM data_subjects WHERE id = ?');
  const reapplied: string[] = [];
  const needsIt = (subject: string): boolean => {
    const row = find.get(subject) as { shreddedAt: string | null } | undefined;
    return row !== undefined && row.shreddedAt === null;
  };
  for (const entry of ledger.values()) {
    // The usual case (nothing restored) takes no write lock.
    if (!needsIt(entry.subject)) continue;
    // Checked again inside the (immediate) transaction: another process opening the same database may have just done it.
    const done = db.transaction(() => {
      const row = find.get(entry.subject) as { id: string; ref: string; shreddedAt: string | null } | undefined;
      // Not in this database (a copy from before the subject existed), or erased here too: nothing to do.
      if (!row || row.shreddedAt !== null) return null;
      shredSubject(db, row.id, entry.erasedBy, `erased again at ${now} from the shred ledger: this database was restored from a copy made before the erasure`, entry.erasedAt);
      appendEvent(db, {
        actor: 'system', type: 'pii.shred_reapplied', incidentRef: row.ref, ts: now,
        data: {
          subject: row.id, erasedAt: entry.erasedAt, erasedBy: entry.erasedBy, erasedSeq: entry.seq,
          why: 'this database still held the key of a subject the shred ledger lists as erased: it was restored from a copy made before the erasure',
        },
      });
      db.prepare('UPDATE incidents SET updated_at = ? WHERE ref = ?').run(now, row.ref);
      return row.id;
    }).immediate();
    if (done !== null) reapplied.push(done);
  }
  if (reapplied.length > 0) checkpointWal(db);

  // This database's own erasures the ledger lacks, a page at a time (keyset paging by id).
  const page = db.prepare('SELECT id, shredded_at AS at, shredded_by AS by FROM data_subjects WHERE shredded_at IS NOT NULL AND id > ? ORDER BY id LIMIT ?');
  const seqOf = db.prepare("SELECT seq FROM events WHERE type = 'pii.subject_shredded' AND json_extract(data, '$.subject') = ? ORDER BY seq LIMIT 1");
  let written = 0;
  for (let after = ''; ; ) {
    const rows = page.all(after, PAGE) as { id: string; at: string; by: string | null }[];
    const missing: ShredLedgerEntry[] = rows
      .filter((r) => !ledger.has(r.id))
      .map((r) => ({ v: 1, subject: r.id, erasedAt: r.at, erasedBy: r.by ?? 'unknown', seq: (seqOf.get(r.id) as { seq: number } | undefined)?.seq ?? null }));
    appendShredLedger(file, missing);
    written += missing.length;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  if (written > 0) {
    appendEvent(db, {
      actor: 'system', type: 'pii.shred_ledger_written', ts: now,
      data: { added: written, why: 'erasures this database records were missing from the shred ledger (a ledger from an older copy, or erasures made before it existed)' },
    });
  }
  return { reapplied, written };
}
