import type { Migration } from '../Migration';
import { personalScrubber } from '../personalScrubber';
import { rescrubEvents, rescrubIncident } from '../searchIndex';
import { searchableDataSql } from './0240-event-search-without-personal-data';

const PAGE = 1000;

/**
 * Search answers only on what a role without `pii:read` is shown — now also where personal values
 * were typed into free text. Since roles without `pii:read` are shown every value of an incident's
 * personal fields masked wherever it was typed (a note, a reason, the title, a tag: main/api
 * piiView), an index of that text as written let an auditor find a reporter's name through the
 * notes that hold it, and the incident list's sort by title ordered masked titles by the names
 * they hide.
 *
 * - incidents get `search_title` and `search_tags`: the title and tags as shown masked (equal to
 *   them unless the incident's personal values occur in them). The list's text filter (trigram
 *   FTS and LIKE) and its sort by title read these, for every role.
 * - Both FTS tables are contentless with FTS5's secure-delete on: a row is rewritten when the
 *   incident's personal values grow (a value added later masks what an older note holds), and the
 *   words it held are removed from the index's pages, not only marked deleted (as contentless_delete
 *   would leave them, readable with the file in hand). A contentless row is deleted by giving the
 *   text it was indexed with: for a title and tags that is search_title and search_tags; for an
 *   event the projection below, or its scrubbed text kept in events_search_body (only where the
 *   two differ, so it holds only text as a role without pii:read is shown it).
 * - Triggers keep them as before for whatever SQL writes (an event's data with its personal
 *   fields masked; the title and tags as written); main/timeline scrubSearchIndex then masks, as
 *   each event is appended, what the incident's personal values occur in (main/store searchIndex).
 * - Built here from the log and the incidents as they are.
 */
export const searchWithoutTypedPersonalData: Migration = {
  version: 241,
  name: 'search-without-typed-personal-data',
  up(db) {
    const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    try {
      db.exec(`
        ALTER TABLE incidents ADD COLUMN search_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE incidents ADD COLUMN search_tags TEXT NOT NULL DEFAULT '[]';
        UPDATE incidents SET search_title = title, search_tags = tags;
        DROP INDEX incidents_title;
        CREATE INDEX incidents_search_title ON incidents(search_title COLLATE NOCASE, id);

        DROP TRIGGER incidents_fts_ai;
        DROP TRIGGER incidents_fts_au;
        DROP TABLE incidents_fts;
        CREATE VIRTUAL TABLE incidents_fts USING fts5(ref, title, tags, content='', tokenize='trigram');
        INSERT INTO incidents_fts(incidents_fts, rank) VALUES ('secure-delete', 1);
        INSERT INTO incidents_fts(rowid, ref, title, tags) SELECT id, ref, search_title, search_tags FROM incidents;
        -- Indexed as inserted (createIncident gives the title and tags as they are; scrubSearchIndex
        -- masks them when the incident's event is appended). An insert that leaves them out (any
        -- other SQL) gets them by the update, which deletes exactly what was indexed first.
        CREATE TRIGGER incidents_search_ai AFTER INSERT ON incidents BEGIN
          INSERT INTO incidents_fts(rowid, ref, title, tags) VALUES (new.id, new.ref, new.search_title, new.search_tags);
          UPDATE incidents SET search_title = new.title, search_tags = new.tags
            WHERE id = new.id AND (new.search_title IS NOT new.title OR new.search_tags IS NOT new.tags);
        END;
        CREATE TRIGGER incidents_search_au AFTER UPDATE OF title, tags ON incidents BEGIN
          UPDATE incidents SET search_title = new.title, search_tags = new.tags WHERE id = new.id;
        END;
        CREATE TRIGGER incidents_fts_au AFTER UPDATE OF ref, search_title, search_tags ON incidents BEGIN
          INSERT INTO incidents_fts(incidents_fts, rowid, ref, title, tags) VALUES ('delete', old.id, old.ref, old.search_title, old.search_tags);
          INSERT INTO incidents_fts(rowid, ref, title, tags) VALUES (new.id, new.ref, new.search_title, new.search_tags);
        END;

        DROP TRIGGER events_fts_ai;
        DROP TABLE events_fts;
        CREATE VIRTUAL TABLE events_fts USING fts5(type, actor, body, content='');
        INSERT INTO events_fts(events_fts, rank) VALUES ('secure-delete', 1);
        CREATE TABLE events_search_body (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
        CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
          INSERT INTO events_fts(rowid, type, actor, body) VALUES (new.seq, new.type, new.actor, ${searchableDataSql('new.data')});
        END;
        INSERT INTO events_fts(rowid, type, actor, body) SELECT seq, type, actor, ${searchableDataSql('data')} FROM events ORDER BY seq;
      `);
      // Every incident the log names, a page of references at a time, each with its own values.
      const refs = db.prepare(`SELECT DISTINCT incident_ref AS ref FROM events WHERE incident_ref > ? ORDER BY incident_ref LIMIT ${PAGE}`);
      for (let after = ''; ; ) {
        const page = (refs.all(after) as { ref: string }[]).map((r) => r.ref);
        for (const ref of page) {
          const scrubber = personalScrubber(db, ref);
          rescrubEvents(db, ref, scrubber);
          rescrubIncident(db, ref, scrubber);
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!;
      }
    } finally {
      db.pragma(`secure_delete = ${secureDelete}`);
    }
  },
};
