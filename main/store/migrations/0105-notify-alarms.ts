import type { Migration } from '../Migration';

/**
 * Deadline alarms already raised, so each threshold of each obligation is raised once (per
 * deadline: a changed fact that moves the deadline may raise it again).
 */
export const notifyAlarms: Migration = {
  version: 105,
  name: 'notify-alarms',
  up(db) {
    db.exec(`
      CREATE TABLE notify_alarms (
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        regime_id TEXT NOT NULL,
        stage_id TEXT NOT NULL,
        due TEXT NOT NULL,
        threshold_hours INTEGER NOT NULL CHECK (threshold_hours >= 0),
        raised_at TEXT NOT NULL,
        PRIMARY KEY (incident_ref, regime_id, stage_id, due, threshold_hours)
      ) STRICT;
    `);
  },
};
