import type { Migration } from '../Migration';

/** Full-text search over the log (audit page, reports). Contentless: the text lives in `events`. */
export const eventSearch: Migration = {
  version: 40,
  name: 'event-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE events_fts USING fts5(type, actor, body, content='events', content_rowid='seq');
      CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
        INSERT INTO events_fts(rowid, type, actor, body) VALUES (new.seq, new.type, new.actor, new.data);
      END;
      INSERT INTO events_fts(rowid, type, actor, body) SELECT seq, type, actor, data FROM events;
    `);
  },
};
