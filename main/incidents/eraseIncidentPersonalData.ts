import { ApiFailure, type PiiErasure } from '../../contract';
import { appendShredLedger, shredLedgerPath, shredSubject, subjectsOfIncident } from '../pii';
import { checkpointWal, type Db } from '../store';
import { appendEvent } from '../timeline';
import { getIncident } from './incidentStore';

/**
 * Crypto-shredding of one incident's personal data (its data subject: the reporter, the people
 * affected and the runbook answers marked personal): the subject key is destroyed (main/pii shredSubject), `pii.subject_shredded` logged
 * with the subject id and the reason, no personal data; then the WAL is checkpointed so the
 * key's old page leaves the disk file. Every envelope stays where it is, in the table and in the
 * log, and the chain verifies as before. Refused, changing nothing: an incident with no personal
 * data, or one already erased.
 *
 * The erasure also goes into the shred ledger in `dataDir` (main/pii shredLedger), outside the
 * database, so a database restored from before it is erased again when it is opened
 * (reapplyShredLedger). Written last inside the transaction: if the ledger cannot be written,
 * nothing is erased; if the commit failed after it, the next unlock erases it (fail closed).
 */
export function eraseIncidentPersonalData(db: Db, dataDir: string, ref: string, by: string, reason: string, now: string): PiiErasure {
  const done = db.transaction(() => {
    getIncident(db, ref);
    const subjects = subjectsOfIncident(db, ref);
    const subject = subjects[0];
    if (subject === undefined) throw new ApiFailure('CONFLICT', `${ref} holds no personal data: there is nothing to erase`);
    if (subject.shreddedAt !== null) {
      throw new ApiFailure('CONFLICT', `the personal data of ${ref} was already erased on ${subject.shreddedAt} by ${subject.shreddedBy ?? 'unknown'}`);
    }
    // Its own subject, and the one migration 0310 made for runbook answers it could not seal under it.
    const shredded = subjects.filter((s) => s.shreddedAt === null);
    for (const s of shredded) shredSubject(db, s.id, by, reason, now);
    const others = subjects.slice(1).map((s) => s.id);
    const event = appendEvent(db, { actor: by, type: 'pii.subject_shredded', incidentRef: ref, ts: now, data: { subject: subject.id, ...(others.length > 0 ? { alsoSubjects: others } : {}), reason } });
    db.prepare('UPDATE incidents SET updated_at = ? WHERE ref = ?').run(now, ref);
    const ledger = shredLedgerPath(dataDir);
    try {
      appendShredLedger(ledger, shredded.map((s) => ({ v: 1 as const, subject: s.id, erasedAt: now, erasedBy: by, seq: event.seq })));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new ApiFailure('STORAGE', `cannot write the shred ledger ${ledger} (${code}), which keeps the erasure through a restore of an older database; nothing was erased: free space or fix the file's permissions, then erase again`);
    }
    return { ref, subject: subject.id, erasedAt: now, erasedBy: by, reason, seq: event.seq };
  }).immediate();
  checkpointWal(db);
  return done;
}
