import type { Migration } from '../Migration';

/**
 * Security alerts (issue 13, "Activity monitoring"). `alerts` is a read model of the
 * `security.alert` and `security.alert_acknowledged` events: which alert is open, how many
 * matching events were counted on it since it was raised (those events are in the chain), and
 * its acknowledgement. The partial indexes let each rule count its events in a time window
 * without reading the rest of the log: failed sign-ins by user name (the actor of
 * `auth.login_failed`), and personal-data and evidence access by user and by time (the access
 * report); the KPIs count alerts per day by time.
 */
export const securityAlerts: Migration = {
  version: 290,
  name: 'security-alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        subject TEXT NOT NULL,
        raised_seq INTEGER NOT NULL,
        raised_at TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        window_minutes INTEGER NOT NULL,
        threshold INTEGER NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 1),
        last_seq INTEGER NOT NULL,
        detail TEXT NOT NULL,
        ack_seq INTEGER,
        ack_by TEXT,
        ack_at TEXT,
        ack_note TEXT,
        CHECK ((ack_seq IS NULL) = (ack_by IS NULL) AND (ack_seq IS NULL) = (ack_at IS NULL) AND (ack_seq IS NULL) = (ack_note IS NULL))
      ) STRICT;
      CREATE INDEX alerts_open ON alerts(rule, subject, id) WHERE ack_seq IS NULL;
      CREATE INDEX alerts_open_by_id ON alerts(id) WHERE ack_seq IS NULL;
      CREATE INDEX alerts_acknowledged_by_id ON alerts(id) WHERE ack_seq IS NOT NULL;
      CREATE INDEX events_failed_signins_by_actor ON events(actor, ts) WHERE type = 'auth.login_failed';
      CREATE INDEX events_personal_data_access ON events(actor, ts) WHERE type IN ('incident.pii_viewed', 'evidence.viewed', 'evidence.exported');
      CREATE INDEX events_security_alerts ON events(ts) WHERE type = 'security.alert';
      CREATE INDEX events_personal_data_access_by_ts ON events(ts) WHERE type IN ('incident.pii_viewed', 'evidence.viewed', 'evidence.exported');
    `);
  },
};
