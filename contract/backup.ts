import './zodConfig';
/** Backup plans, backups and their checks, as the API exchanges them (docs/backup-format.md). */
import { z } from 'zod';

const MAX_RECIPIENTS = 20;
const recipientSchema = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'an age recipient (age1…)');
const planName = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(40);
const count = z.number().int().min(0).max(10_000);
const minutes = z.number().int().min(1).max(525_600);

export const retentionSchema = z.strictObject({
  keepLast: count.optional(),
  keepDaily: count.optional(),
  keepWeekly: count.optional(),
  keepMonthly: count.optional(),
  keepYearly: count.optional(),
});
export type Retention = z.infer<typeof retentionSchema>;

export const planConfigSchema = z.strictObject({
  /** Absolute paths of files or directories; each becomes a top-level folder of the archive. */
  sources: z.array(z.string().min(1).max(4096)).max(100).default([]),
  /** Also back up Firebreak's own database (an encrypted snapshot) and vault.json. */
  includeDatabase: z.boolean().default(true),
  /** Globs matched against paths inside a source (`**\/*.tmp`, `cache/**`). */
  exclude: z.array(z.string().min(1).max(500)).max(100).default([]),
  /** Absolute directory (local disk or a mounted share); backups go to <target>/<plan>/. */
  target: z.string().min(1).max(4096),
  /** A cron expression (node-cron: 5 or 6 fields), or null to run only on demand. */
  schedule: z.string().max(100).nullable().default(null),
  retention: retentionSchema.default({}),
  rtoMinutes: minutes.nullable().default(null),
  rpoMinutes: minutes.nullable().default(null),
  /** Extra age recipients (age1…), e.g. an offline key, besides the vault's backup identity (needs backup:recipients). */
  recipients: z.array(recipientSchema).max(MAX_RECIPIENTS).default([]),
  /** Every Nth run is a full backup; the others store only what changed. */
  fullEvery: z.number().int().min(1).max(1000).default(7),
  /** Scheduled verification of the plan's newest backup (with every backup it needs): a cron expression, or null. */
  verifySchedule: z.string().max(100).nullable().default(null),
  verifyLevel: z.enum(['quick', 'full']).default('full'),
});
export type PlanConfig = z.output<typeof planConfigSchema>;

export const planAddInputSchema = planConfigSchema.extend({ name: planName });
export const planNameInputSchema = z.strictObject({ name: planName });

/** A plan's extra recipients replaced, all at once (an empty list leaves only the vault's identity). */
export const planRecipientsInputSchema = z.strictObject({
  name: planName,
  recipients: z.array(recipientSchema).max(MAX_RECIPIENTS),
  reason: z.string().trim().min(1, 'say why the recipients change').max(2000),
});

/** An administrator's decision on a plan flagged for review: it stays as it is, for the reason given. */
export const planApproveInputSchema = z.strictObject({
  name: planName,
  note: z.string().trim().min(1, 'say why the plan may stay as it is').max(2000),
});

/** Who decided, and when. */
export interface Decision {
  by: string;
  at: string;
}

/**
 * Why a plan waits for an administrator's review: it holds Firebreak's database or extra
 * recipients that nobody allowed to decide that has decided (plans from before these were
 * administrator decisions, or a source that came to reach the data directory). `blocksRuns`:
 * its runs are refused until the review (a new plan's source that came to reach the data
 * directory); plans from before keep running as they did, flagged, until an administrator decides.
 */
export interface PlanReview {
  reasons: string[];
  since: string;
  blocksRuns: boolean;
}

export interface BackupPlan extends PlanConfig {
  name: string;
  createdAt: string;
  createdBy: string;
  /** Who decided this plan may hold Firebreak's database (backup:include-database); null when nobody did. */
  databaseDecision: Decision | null;
  /** Who last set the extra recipients (backup:recipients); null when nobody did (none, or from before). */
  recipientsDecision: Decision | null;
  /** Set while the plan waits for an administrator's review. */
  review: PlanReview | null;
  /** The schedule in words, e.g. "at 02:30 every day". */
  scheduleText: string | null;
  verifyScheduleText: string | null;
}

/** One scheduled task of a plan (its backups, or its verification), as the scheduler sees it. Times are ISO. */
export interface ScheduledTaskStatus {
  schedule: string | null;
  scheduleText: string | null;
  nextRunAt: string | null;
  /** When the last run ended (for backups: or the plan's newest backup finished, before any run here). */
  lastRunAt: string | null;
  lastResult: 'ok' | 'failed' | null;
  lastError: string | null;
  /** The backup made (backups) or checked (verification) by the last successful run. */
  lastBackupId: string | null;
  running: boolean;
  /** Failed runs in a row (0 after a success). */
  failures: number;
  /** When the pending retry starts, if one is pending. */
  retryAt: string | null;
}

/** A plan's state in the scheduler, as `firebreak daemon status` and the Backups screen show it. */
export interface PlanRunStatus extends ScheduledTaskStatus {
  plan: string;
  /** Null when the plan has no verification schedule. */
  verify: (ScheduledTaskStatus & { level: 'quick' | 'full'; problems: string[] }) | null;
}

/** Who runs the schedules of this data directory, and their state (`backups.schedule`). */
export interface BackupScheduleStatus {
  /**
   * `app`: this app, in the name of a signed-in user allowed to run backups, for as long as the
   * vault stays unlocked. `daemon`: a `firebreak daemon` process. null: nobody (why in `note`).
   */
  runner: { kind: 'app'; user: string; since: string } | { kind: 'daemon'; user: string; pid: number; since: string; updatedAt: string } | null;
  note: string | null;
  plans: PlanRunStatus[];
}

export interface BackupSummary {
  id: string;
  plan: string;
  kind: 'full' | 'incremental';
  /** The backup this one builds on (incremental), null for a full one. */
  parent: string | null;
  startedAt: string;
  finishedAt: string;
  files: number;
  bytes: number;
  /** What this backup's own archive holds (all of it for a full backup). */
  storedFiles: number;
  storedBytes: number;
  archiveFile: string;
  manifestFile: string;
  /** The incident log's chain head when the backup was taken. */
  chainHead: { seq: number; hash: string } | null;
  /**
   * Whether the backup holds Firebreak's database (firebreak.db, vault.json): restoring those
   * needs backup:restore-database. null: a backup from before this was recorded (a restore reads
   * its manifest to tell).
   */
  containsDatabase: boolean | null;
  /** The most recent check of any kind. A later check of one kind never hides one of another: see `latestChecks`. */
  lastCheck: BackupCheck | null;
  /**
   * The latest check of each kind. Every check is its own record (`backups.checks` lists them):
   * a full check after a drill leaves the drill, and its RTO verdict, standing here.
   */
  latestChecks: LatestChecks;
}

export const VERIFY_LEVELS = ['quick', 'full', 'drill'] as const;
export type VerifyLevel = (typeof VERIFY_LEVELS)[number];

export type LatestChecks = Record<VerifyLevel, BackupCheck | null>;

/** One recorded check, as `backups.checks` lists them (records are never changed or removed). */
export interface BackupCheckRecord extends BackupCheck {
  /** The record's number: increasing in the order the checks were recorded. */
  id: number;
  /** The plan of the checked backup (the plan may have been removed since). */
  plan: string;
  /** The checked backup was pruned since: its check stays on record. */
  backupPruned: boolean;
}

export const CHECK_LIST_MAX = 1000;

export const checkListInputSchema = z.strictObject({
  plan: planName.optional(),
  backupId: z.string().min(1).max(200).optional(),
  level: z.enum(VERIFY_LEVELS).optional(),
  /** Newest first; at most this many. */
  limit: z.number().int().min(1).max(CHECK_LIST_MAX).default(100),
});

export interface BackupCheck {
  backupId: string;
  level: VerifyLevel;
  at: string;
  ok: boolean;
  /** Every problem found, naming the file: empty when ok. */
  problems: string[];
  files: number;
  bytes: number;
  /** Drill: wall-clock restore time, the plan's RTO, and the backup's age (RPO) at the drill. */
  restoreSeconds: number | null;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
}

/** How many restored paths a RestoreReport names (`firstPaths`); the counts cover them all. */
export const RESTORE_REPORT_PATHS = 100;

/**
 * What a restore wrote. Counts, not the list: a backup may hold a million paths, and the list is
 * the backup's manifest anyway (every selected entry is restored, or the restore fails).
 */
export interface RestoreReport {
  backupId: string;
  to: string;
  /** The part of the backup restored (as given), or null for all of it. */
  path: string | null;
  /** Every path restored: files, directories and links. */
  entries: number;
  files: number;
  directories: number;
  symlinks: number;
  /** File content bytes written. */
  bytes: number;
  /** The first RESTORE_REPORT_PATHS paths restored, in restore order (all of them when there are no more). */
  firstPaths: string[];
}

export interface PruneReport {
  plan: string;
  dryRun: boolean;
  /** Kept backups and why: the retention rules that keep them, or the backups that need them. */
  kept: { id: string; finishedAt: string; reasons: string[] }[];
  removed: { id: string; finishedAt: string }[];
}
