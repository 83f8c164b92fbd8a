import type { Migration } from '../Migration';

/**
 * Every check of a backup (quick, full, drill) is its own record, never changed or removed: a
 * full check after a restore drill once replaced the drill as the backup's only visible check,
 * and with it the proof that the RTO was met. The table was insert-only by convention; these
 * triggers make it so, as for the event log (0060) and the runbook transitions (0080). The index
 * serves "the latest check of each kind" per backup, which replaced "the latest check".
 */
export const backupChecksKept: Migration = {
  version: 140,
  name: 'backup-checks-kept',
  up(db) {
    db.exec(`
      CREATE TRIGGER backup_checks_no_update BEFORE UPDATE ON backup_checks
        BEGIN SELECT RAISE(ABORT, 'backup checks are append-only'); END;
      CREATE TRIGGER backup_checks_no_delete BEFORE DELETE ON backup_checks
        BEGIN SELECT RAISE(ABORT, 'backup checks are append-only'); END;
      CREATE TRIGGER backup_checks_no_replace BEFORE INSERT ON backup_checks
        WHEN EXISTS (SELECT 1 FROM backup_checks WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'backup checks are append-only'); END;
      DROP INDEX backup_checks_backup;
      CREATE INDEX backup_checks_latest ON backup_checks(backup_id, level, at);
    `);
  },
};
