import type { Migration } from '../Migration';

/**
 * Masked copies of free text (docs/security.md, "Free text"). Since migration 300 the values to
 * mask are sealed, so a process where no holder of the personal-data key has signed in cannot
 * mask an incident's free text and withholds it whole. It records each such text here (`text`,
 * `masked` NULL: queued); the next process that holds the key masks it (`masked`, and the copy
 * of the text is dropped), and from then on every process shows the masked copy. A text is found
 * by the SHA-256 of its content, per incident. A change to a personal field empties the
 * incident's copies (a new value may be named in old text).
 */
export const maskedFreeText: Migration = {
  version: 301,
  name: 'masked-free-text',
  up(db) {
    db.exec(`
      CREATE TABLE pii_masked_text (
        incident_ref TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        text TEXT,
        masked TEXT,
        CHECK ((text IS NULL) <> (masked IS NULL)),
        PRIMARY KEY (incident_ref, text_hash)
      ) STRICT;
      CREATE INDEX pii_masked_text_queued ON pii_masked_text(incident_ref) WHERE masked IS NULL;
    `);
  },
};
