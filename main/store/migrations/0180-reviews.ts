import type { Migration } from '../Migration';

/**
 * Post-incident reviews and action items (issue 12 §2, contract/review.ts).
 *
 * A review is its versions: every save is a new row, never changed, each naming its
 * `review.saved` event and the SHA-256 of its sections; a version follows the one before it
 * (a trigger refuses a gap or a second writer's duplicate). Sign-offs are rows of their own. A
 * save over a signed-off version records why it reopened the review.
 *
 * An action item's current state is one row (so lists filter and sort in an index); every state
 * it ever had is a row of action_item_versions, and the item row can only move to the state of a
 * version just written (trigger), so no change escapes the history. Key events are not stored
 * here: they are folded from the `event.starred` / `event.unstarred` events of the log.
 */
export const reviews: Migration = {
  version: 180,
  name: 'reviews',
  up(db) {
    const appendOnly = (table: string, key: string) => `
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;
      CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;
      CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table}
        WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${key})
        BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;`;
    db.exec(`
      CREATE TABLE review_versions (
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        version INTEGER NOT NULL CHECK (version >= 1),
        sections TEXT NOT NULL CHECK (json_valid(sections)),
        changed TEXT NOT NULL CHECK (json_valid(changed)),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        reopened_from INTEGER,
        reopen_reason TEXT,
        event_seq INTEGER NOT NULL,
        PRIMARY KEY (incident_ref, version),
        CHECK ((reopened_from IS NULL) = (reopen_reason IS NULL))
      ) STRICT, WITHOUT ROWID;
      ${appendOnly('review_versions', 'incident_ref = NEW.incident_ref AND version = NEW.version')}
      CREATE TRIGGER review_versions_in_order BEFORE INSERT ON review_versions
        WHEN NEW.version != COALESCE((SELECT MAX(version) FROM review_versions WHERE incident_ref = NEW.incident_ref), 0) + 1
        BEGIN SELECT RAISE(ABORT, 'review versions follow each other'); END;

      CREATE TABLE review_signoffs (
        id INTEGER PRIMARY KEY,
        incident_ref TEXT NOT NULL,
        version INTEGER NOT NULL,
        signed_by TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        FOREIGN KEY (incident_ref, version) REFERENCES review_versions(incident_ref, version)
      ) STRICT;
      CREATE INDEX review_signoffs_incident ON review_signoffs(incident_ref, id);
      ${appendOnly('review_signoffs', 'id = NEW.id')}

      CREATE TABLE action_items (
        id INTEGER PRIMARY KEY,
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        title TEXT NOT NULL,
        owner TEXT NOT NULL REFERENCES users(name),
        due_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'wont_do')),
        status_note TEXT,
        closed_by TEXT,
        closed_at TEXT,
        version INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((status = 'open') = (status_note IS NULL AND closed_by IS NULL AND closed_at IS NULL))
      ) STRICT;
      CREATE INDEX action_items_due ON action_items(status, due_at, id);
      CREATE INDEX action_items_incident ON action_items(incident_ref, status, due_at);
      CREATE INDEX action_items_owner ON action_items(owner, status, due_at);
      CREATE TRIGGER action_items_no_delete BEFORE DELETE ON action_items
        BEGIN SELECT RAISE(ABORT, 'action items are never deleted: mark them done or won''t do'); END;

      CREATE TABLE action_item_versions (
        item_id INTEGER NOT NULL REFERENCES action_items(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        change TEXT NOT NULL CHECK (change IN ('added', 'updated', 'done', 'wont_do', 'reopened')),
        title TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'wont_do')),
        note TEXT,
        reason TEXT,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        PRIMARY KEY (item_id, version)
      ) STRICT, WITHOUT ROWID;
      ${appendOnly('action_item_versions', 'item_id = NEW.item_id AND version = NEW.version')}

      -- The item may only take the state of the version written just before, one version on.
      CREATE TRIGGER action_items_versioned BEFORE UPDATE ON action_items
        WHEN NEW.id != OLD.id OR NEW.incident_ref != OLD.incident_ref OR NEW.created_by != OLD.created_by OR NEW.created_at != OLD.created_at
          OR NEW.version != OLD.version + 1
          OR NOT EXISTS (SELECT 1 FROM action_item_versions v WHERE v.item_id = NEW.id AND v.version = NEW.version
            AND v.title = NEW.title AND v.owner = NEW.owner AND v.due_at = NEW.due_at AND v.status = NEW.status)
        BEGIN SELECT RAISE(ABORT, 'an action item changes only with a new version in action_item_versions'); END;

      -- Alarms already raised, so each threshold of each due time is raised once (a new due time may raise again).
      CREATE TABLE action_alarms (
        item_id INTEGER NOT NULL REFERENCES action_items(id),
        due_at TEXT NOT NULL,
        threshold_hours INTEGER NOT NULL CHECK (threshold_hours >= 0),
        raised_at TEXT NOT NULL,
        PRIMARY KEY (item_id, due_at, threshold_hours)
      ) STRICT, WITHOUT ROWID;
      ${appendOnly('action_alarms', 'item_id = NEW.item_id AND due_at = NEW.due_at AND threshold_hours = NEW.threshold_hours')}
    `);
  },
};
