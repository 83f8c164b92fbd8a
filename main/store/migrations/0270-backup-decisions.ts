import type { Migration } from '../Migration';

interface PlanRow {
  name: string;
  config: string;
  created_at: string;
  created_by: string;
}

/**
 * Who may let a backup plan hold Firebreak's database, add recipients to it, and restore the
 * database from a backup became administrator decisions (issue 13, docs/security.md). Plans keep
 * who decided; backups record whether they hold the database. Plans from before are not changed
 * and keep running, but those that include the database, or carry extra recipients added by
 * someone who is not an active administrator now, are flagged for an administrator's review:
 * nothing an administrator did not decide is dropped silently, nor kept silently.
 */
export const backupDecisions: Migration = {
  version: 270,
  name: 'backup-decisions',
  up(db) {
    db.exec(`
      ALTER TABLE backup_plans ADD COLUMN database_decided_by TEXT;
      ALTER TABLE backup_plans ADD COLUMN database_decided_at TEXT;
      ALTER TABLE backup_plans ADD COLUMN recipients_decided_by TEXT;
      ALTER TABLE backup_plans ADD COLUMN recipients_decided_at TEXT;
      -- JSON {reasons, since, blocksRuns, alarmed}: set while the plan waits for an administrator.
      ALTER TABLE backup_plans ADD COLUMN review TEXT;
      -- 1 for plans that existed before these decisions: a source that turns out to reach the data
      -- directory flags them (they keep running) instead of stopping their runs.
      ALTER TABLE backup_plans ADD COLUMN predates_decisions INTEGER NOT NULL DEFAULT 0 CHECK (predates_decisions IN (0, 1));
      -- 1: the backup holds firebreak.db or vault.json; NULL: made before this was recorded.
      ALTER TABLE backups ADD COLUMN contains_database INTEGER CHECK (contains_database IN (0, 1));
    `);
    const since = new Date().toISOString();
    const admin = db.prepare("SELECT 1 FROM users WHERE name = ? AND role = 'admin' AND disabled_at IS NULL");
    const roleOf = db.prepare('SELECT role, disabled_at FROM users WHERE name = ?');
    const update = db.prepare(
      'UPDATE backup_plans SET predates_decisions = 1, review = ?, recipients_decided_by = ?, recipients_decided_at = ? WHERE name = ?',
    );
    for (const p of db.prepare('SELECT name, config, created_at, created_by FROM backup_plans').all() as PlanRow[]) {
      const config = JSON.parse(p.config) as { includeDatabase?: boolean; recipients?: string[] };
      const recipients = config.recipients?.length ?? 0;
      const byAdmin = admin.get(p.created_by) !== undefined;
      const reasons: string[] = [];
      // The schema's default is true: a stored config without the field includes the database.
      if (config.includeDatabase !== false) {
        reasons.push(`it includes Firebreak's database (added by ${p.created_by} before including the database was an administrator's decision)`);
      }
      if (recipients > 0 && !byAdmin) {
        const who = roleOf.get(p.created_by) as { role: string; disabled_at: string | null } | undefined;
        const as = who === undefined ? 'no longer a user' : who.disabled_at !== null ? `${who.role}, now disabled` : who.role;
        reasons.push(
          `${recipients} extra age ${recipients === 1 ? 'recipient was' : 'recipients were'} added by ${p.created_by} (${as}) before recipients were an administrator's decision: whoever holds ${recipients === 1 ? 'its identity' : 'their identities'} can decrypt every backup of this plan`,
        );
      }
      const review = reasons.length > 0 ? JSON.stringify({ reasons, since, blocksRuns: false, alarmed: false }) : null;
      const recipientsBy = recipients > 0 && byAdmin ? p.created_by : null;
      update.run(review, recipientsBy, recipientsBy === null ? null : p.created_at, p.name);
    }
  },
};
