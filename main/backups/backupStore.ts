import { ApiFailure, VERIFY_LEVELS, type BackupCheck, type BackupCheckRecord, type BackupSummary, type LatestChecks, type VerifyLevel } from '../../contract';
import type { Db } from '../store';

interface BackupRow {
  id: string;
  plan: string;
  dir: string;
  kind: 'full' | 'incremental';
  parent: string | null;
  started_at: string;
  finished_at: string;
  files: number;
  bytes: number;
  stored_files: number;
  stored_bytes: number;
  archive_file: string;
  manifest_file: string;
  chain_seq: number | null;
  chain_hash: string | null;
  contains_database: number | null;
}

interface CheckRow {
  id: number;
  backup_id: string;
  level: VerifyLevel;
  at: string;
  ok: number;
  problems: string;
  files: number;
  bytes: number;
  restore_seconds: number | null;
  rto_seconds: number | null;
  rpo_seconds: number | null;
}

const toCheck = (r: CheckRow): BackupCheck => ({
  backupId: r.backup_id, level: r.level, at: r.at, ok: r.ok === 1, problems: JSON.parse(r.problems) as string[], files: r.files, bytes: r.bytes,
  restoreSeconds: r.restore_seconds, rtoSeconds: r.rto_seconds, rpoSeconds: r.rpo_seconds,
});

/**
 * The latest check of each kind, and the latest of all. Every check is its own row (migration
 * 0140 keeps them from being changed or removed): one kind never hides another.
 */
function latestChecksOf(db: Db, backupId: string): { latest: LatestChecks; last: BackupCheck | null } {
  const query = db.prepare('SELECT * FROM backup_checks WHERE backup_id = ? AND level = ? ORDER BY at DESC, id DESC LIMIT 1');
  const latest: LatestChecks = { quick: null, full: null, drill: null };
  let last: CheckRow | null = null;
  for (const level of VERIFY_LEVELS) {
    const row = query.get(backupId, level) as CheckRow | undefined;
    if (row === undefined) continue;
    latest[level] = toCheck(row);
    if (last === null || row.at > last.at || (row.at === last.at && row.id > last.id)) last = row;
  }
  return { latest, last: last === null ? null : toCheck(last) };
}

function toSummary(db: Db, r: BackupRow): BackupSummary {
  const { latest, last } = latestChecksOf(db, r.id);
  return {
    id: r.id, plan: r.plan, kind: r.kind, parent: r.parent, startedAt: r.started_at, finishedAt: r.finished_at,
    files: r.files, bytes: r.bytes, storedFiles: r.stored_files, storedBytes: r.stored_bytes,
    archiveFile: r.archive_file, manifestFile: r.manifest_file,
    chainHead: r.chain_seq !== null && r.chain_hash !== null ? { seq: r.chain_seq, hash: r.chain_hash } : null,
    containsDatabase: r.contains_database === null ? null : r.contains_database === 1,
    lastCheck: last,
    latestChecks: latest,
  };
}

/** The directory holding a backup's files (its plan's folder when it was made). */
export function backupDir(db: Db, id: string): string {
  const row = db.prepare('SELECT dir FROM backups WHERE id = ? AND pruned_at IS NULL').get(id) as { dir: string } | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no backup ${id}`);
  return row.dir;
}

export function getBackup(db: Db, id: string): BackupSummary {
  const row = db.prepare('SELECT * FROM backups WHERE id = ? AND pruned_at IS NULL').get(id) as BackupRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no backup ${id}`);
  return toSummary(db, row);
}

/** Newest first. */
export function listBackups(db: Db, plan?: string): BackupSummary[] {
  const rows = (plan === undefined
    ? db.prepare('SELECT * FROM backups WHERE pruned_at IS NULL ORDER BY finished_at DESC, id DESC').all()
    : db.prepare('SELECT * FROM backups WHERE plan = ? AND pruned_at IS NULL ORDER BY finished_at DESC, id DESC').all(plan)) as BackupRow[];
  return rows.map((r) => toSummary(db, r));
}

export function latestBackup(db: Db, plan: string): BackupSummary | null {
  return listBackups(db, plan)[0] ?? null;
}

/** Incremental backups since the plan's last full one. */
export function backupsSinceFull(db: Db, plan: string): number {
  let n = 0;
  for (const b of listBackups(db, plan)) {
    if (b.kind === 'full') return n;
    n++;
  }
  return n;
}

export function recordCheck(db: Db, check: BackupCheck): void {
  db.prepare(
    `INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes, restore_seconds, rto_seconds, rpo_seconds)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(check.backupId, check.level, check.at, check.ok ? 1 : 0, JSON.stringify(check.problems), check.files, check.bytes, check.restoreSeconds, check.rtoSeconds, check.rpoSeconds);
}

/**
 * Recorded checks, newest first, of a plan's backups, of one backup, of one kind, or all: pruned
 * backups' checks included (a drill stays the proof of the restore time it measured). An unknown
 * backup or plan is NOT_FOUND rather than an empty list, so a typo does not read as "never checked".
 */
export function listChecks(db: Db, filter: { plan?: string; backupId?: string; level?: VerifyLevel; limit: number }): BackupCheckRecord[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.backupId !== undefined) {
    if (db.prepare('SELECT 1 FROM backups WHERE id = ?').get(filter.backupId) === undefined) throw new ApiFailure('NOT_FOUND', `no backup ${filter.backupId}`);
    where.push('c.backup_id = ?');
    args.push(filter.backupId);
  }
  if (filter.plan !== undefined) {
    const known = db.prepare('SELECT 1 FROM backup_plans WHERE name = ? UNION ALL SELECT 1 FROM backups WHERE plan = ? LIMIT 1').get(filter.plan, filter.plan);
    if (known === undefined) throw new ApiFailure('NOT_FOUND', `no backup plan ${filter.plan}, and no backups of one by that name`);
    where.push('b.plan = ?');
    args.push(filter.plan);
  }
  if (filter.level !== undefined) {
    where.push('c.level = ?');
    args.push(filter.level);
  }
  const rows = db.prepare(
    `SELECT c.*, b.plan AS plan, b.pruned_at AS pruned_at FROM backup_checks c JOIN backups b ON b.id = c.backup_id
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.at DESC, c.id DESC LIMIT ?`,
  ).all(...args, filter.limit) as (CheckRow & { plan: string; pruned_at: string | null })[];
  return rows.map((r) => ({ ...toCheck(r), id: r.id, plan: r.plan, backupPruned: r.pruned_at !== null }));
}
