import type { Migration } from '../Migration';

/**
 * An action item is due on a calendar date, not at an instant (issue 12 user test: a date typed in
 * the CLI meant the end of the day in UTC and showed as "11 Dec, 00:59" in Berlin, while one picked
 * in the UI showed as a date). `due_date` (YYYY-MM-DD) is now what the item is due on, as given and
 * as shown everywhere; `due_at` stays the instant it becomes overdue (the end of that date where the
 * backend runs), which the overdue ordering, the alarms and the KPIs compare.
 *
 * Items written before got their date from their instant: an instant at 23:59:59 UTC was the end of
 * a UTC day (a date given to the CLI on a machine on UTC), anything else is read in this machine's
 * time zone (the end of a day picked in the UI, or a time given with an offset). Versions written
 * before keep their instant and no date, as they were recorded; the item row, which mirrors the
 * latest version, takes the date, so the rule that it changes only with a new version is suspended
 * for that one statement and then set again, now also over the date.
 */
const DATE_OF = (col: string) => `CASE WHEN strftime('%H:%M:%S', ${col}) = '23:59:59' THEN date(${col}) ELSE date(${col}, 'localtime') END`;

export const actionDueDates: Migration = {
  version: 280,
  name: 'action item due dates',
  up(db) {
    db.exec(`
      ALTER TABLE action_items ADD COLUMN due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
      ALTER TABLE action_item_versions ADD COLUMN due_date TEXT;
      DROP TRIGGER action_items_versioned;
      UPDATE action_items SET due_date = ${DATE_OF('due_at')};
      CREATE TRIGGER action_items_versioned BEFORE UPDATE ON action_items
        WHEN NEW.id != OLD.id OR NEW.incident_ref != OLD.incident_ref OR NEW.created_by != OLD.created_by OR NEW.created_at != OLD.created_at
          OR NEW.version != OLD.version + 1
          OR NOT EXISTS (SELECT 1 FROM action_item_versions v WHERE v.item_id = NEW.id AND v.version = NEW.version
            AND v.title = NEW.title AND v.owner = NEW.owner AND v.due_at = NEW.due_at AND v.due_date IS NEW.due_date AND v.status = NEW.status)
        BEGIN SELECT RAISE(ABORT, 'an action item changes only with a new version in action_item_versions'); END;
    `);
  },
};
