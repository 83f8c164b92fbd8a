import type { Migration } from '../Migration';

/**
 * `INSERT OR REPLACE` deletes the old row without firing a DELETE trigger (recursive_triggers is
 * off), so it could overwrite an event. Refuse any insert whose sequence number already exists.
 */
export const eventsNoReplace: Migration = {
  version: 60,
  name: 'events-no-replace',
  up(db) {
    db.exec(`
      CREATE TRIGGER events_no_replace BEFORE INSERT ON events
        WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `);
  },
};
