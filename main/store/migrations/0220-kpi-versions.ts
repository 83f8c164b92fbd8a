import type { Migration } from '../Migration';

/** The UTC day (days since the epoch, truncated) of a kpi_incidents row's detection time. */
const DAY = (ms: string) => `${ms} / 86400000`;

/** Marks each given day as changed now: the next version number, written to each day. */
const touch = (days: string) => `
  UPDATE kpi_version SET n = n + 1 WHERE id = 1;
  INSERT INTO kpi_days (day, version) SELECT d, (SELECT n FROM kpi_version WHERE id = 1) FROM (${days}) WHERE d IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET version = excluded.version;`;

/** Whether the incident has breach facts (only those have notices to assess). */
const HAS_FACTS = (ref: string) => `EXISTS (SELECT 1 FROM breach_facts WHERE incident_ref = ${ref})`;

/** Triggers moving one of kpi_version's counters on each given change to `table`. */
const bump = (counter: 'notices' | 'backups', table: string, changes: string[], when?: string) =>
  changes
    .map((change) => `CREATE TRIGGER kpi_${counter}_${table}_${change.toLowerCase()} AFTER ${change} ON ${table}${when ? ` WHEN ${when}` : ''}
        BEGIN UPDATE kpi_version SET ${counter} = ${counter} + 1 WHERE id = 1; END;`)
    .join('\n      ');

/**
 * When did the KPI rows of a day last change (issue 12 §4: a year's dashboard in < 300 ms at 100k
 * incidents). A period's duration figures depend only on the kpi_incidents rows detected in it;
 * every change to a row — a new incident, an edited time, severity, category or exercise flag, a
 * status move's phase totals — gives the day it was detected on (before and after the change) the
 * next number of one counter. The largest number over a period's days therefore moves exactly
 * when a row in the period changed, so the KPIs can keep a period's figures until then
 * (computeKpis), while sign-ins, notes and backups elsewhere in the log leave them valid.
 * Derived, like kpi_incidents: it holds no record, only when rows changed.
 *
 * Two more counters say when what else the KPIs read changed, so that a period's notice rows and an
 * ended period's headline can be kept across the sign-ins and notes that make up most of a log:
 * `notices` moves with every write to breach facts, notify decisions and sent notices, and every
 * event about or write to an incident that has breach facts (everything the notice stages of the
 * assessed incidents are read from; other incidents have none); `backups` with every write to plans, backups and checks and
 * every `backup.failed` event.
 *
 * Also a partial index of the events that kept times out of order by an override: the data
 * problems name each one's reason, which otherwise meant reading every event of up to 200
 * incidents — thousands of scattered pages, decrypted again whenever another connection wrote.
 */
export const kpiVersions: Migration = {
  version: 220,
  name: 'kpi-versions',
  up(db) {
    db.exec(`
      CREATE TABLE kpi_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL, notices INTEGER NOT NULL, backups INTEGER NOT NULL) STRICT;
      INSERT INTO kpi_version (id, n, notices, backups) VALUES (1, 0, 0, 0);
      CREATE TABLE kpi_days (day INTEGER PRIMARY KEY, version INTEGER NOT NULL) STRICT;
      CREATE TRIGGER kpi_days_insert AFTER INSERT ON kpi_incidents BEGIN ${touch(`SELECT ${DAY('NEW.detected_ms')} AS d`)} END;
      CREATE TRIGGER kpi_days_update AFTER UPDATE ON kpi_incidents BEGIN
        ${touch(`SELECT ${DAY('OLD.detected_ms')} AS d UNION SELECT ${DAY('NEW.detected_ms')}`)}
      END;
      CREATE TRIGGER kpi_days_delete AFTER DELETE ON kpi_incidents BEGIN ${touch(`SELECT ${DAY('OLD.detected_ms')} AS d`)} END;
      ${bump('notices', 'events', ['INSERT'], `NEW.incident_ref IS NOT NULL AND ${HAS_FACTS('NEW.incident_ref')}`)}
      ${bump('notices', 'breach_facts', ['INSERT', 'UPDATE', 'DELETE'])}
      ${bump('notices', 'incidents', ['INSERT'], HAS_FACTS('NEW.ref'))}
      ${bump('notices', 'incidents', ['UPDATE', 'DELETE'], HAS_FACTS('OLD.ref'))}
      ${bump('notices', 'notify_decisions', ['INSERT', 'UPDATE', 'DELETE'])}
      ${bump('notices', 'notify_draft_sent', ['INSERT', 'UPDATE', 'DELETE'])}
      ${bump('backups', 'events', ['INSERT'], "NEW.type = 'backup.failed'")}
      ${bump('backups', 'backup_plans', ['INSERT', 'UPDATE', 'DELETE'])}
      ${bump('backups', 'backups', ['INSERT', 'UPDATE', 'DELETE'])}
      ${bump('backups', 'backup_checks', ['INSERT', 'UPDATE', 'DELETE'])}
      CREATE INDEX events_time_overrides ON events(incident_ref, seq) WHERE json_extract(data, '$.timeOrderOverride') IS NOT NULL;
    `);
  },
};
