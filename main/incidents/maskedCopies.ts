import { createHash } from 'node:crypto';
import { piiKeyringOf } from '../pii';
import type { Db } from '../store';
import { incidentScrubber } from './incidentScrubber';
import type { PiiScrubber } from '../../contract';

const hashOf = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The masked copy of one free text of an incident, made by a process that held the personal-data
 * key (migration 301); null when there is none yet — the text is then queued for the next such
 * process (not from a read-only connection, such as the report worker's, which only looks).
 */
export function maskedCopyOf(db: Db, ref: string): (text: string) => string | null {
  const find = db.prepare('SELECT masked FROM pii_masked_text WHERE incident_ref = ? AND text_hash = ?');
  const queue = db.readonly ? null : db.prepare('INSERT OR IGNORE INTO pii_masked_text (incident_ref, text_hash, text) VALUES (?, ?, ?)');
  return (text) => {
    const hash = hashOf(text);
    const row = find.get(ref, hash) as { masked: string | null } | undefined;
    if (row?.masked != null) return row.masked;
    if (!row && queue) {
      try {
        queue.run(ref, hash, text);
      } catch {
        // Busy or read-only: the text stays withheld and is queued by a later read.
      }
    }
    return null;
  };
}

const PAGE = 500;

/**
 * Masks every queued text with the values this process can open (it holds the personal-data key):
 * called when a holder signs in. Returns how many were masked. Pages through the queue, one
 * scrubber per incident at a time.
 */
export function maskQueuedTexts(db: Db): number {
  if (!piiKeyringOf(db)) return 0;
  const page = db.prepare('SELECT rowid AS id, incident_ref AS ref, text FROM pii_masked_text WHERE masked IS NULL AND rowid > ? ORDER BY rowid LIMIT ?');
  const done = db.prepare('UPDATE pii_masked_text SET masked = ?, text = NULL WHERE rowid = ?');
  let masked = 0;
  let scrubber: { ref: string; s: PiiScrubber } | null = null;
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE) as { id: number; ref: string; text: string }[];
    db.transaction(() => {
      for (const r of rows) {
        if (scrubber?.ref !== r.ref) scrubber = { ref: r.ref, s: incidentScrubber(db, r.ref) };
        if (scrubber.s.isBlind) continue;
        done.run(scrubber.s.scrub(r.text), r.id);
        masked += 1;
      }
    })();
    if (rows.length < PAGE) return masked;
    after = rows[rows.length - 1]!.id;
  }
}

/** A personal field changed: the incident's masked copies may miss the new value, so they go. */
export function forgetMaskedCopies(db: Db, ref: string): void {
  db.prepare('DELETE FROM pii_masked_text WHERE incident_ref = ?').run(ref);
}
