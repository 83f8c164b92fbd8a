import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ApiFailure, planConfigSchema, type BackupPlan, type Decision, type PlanConfig, type PlanReview } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { backupIdentity } from './backupIdentity';
import { databaseReach, SNAPSHOT_REASON } from './databaseReach';
import { describeSchedule } from './describeSchedule';

interface PlanRow {
  name: string;
  config: string;
  created_at: string;
  created_by: string;
  database_decided_by: string | null;
  database_decided_at: string | null;
  recipients_decided_by: string | null;
  recipients_decided_at: string | null;
  review: string | null;
  predates_decisions: number;
}

/** The review as stored: `alarmed` once the alarm event is in the log (raisePlanReviewAlarms). */
interface StoredReview extends PlanReview {
  alarmed: boolean;
}

const decision = (by: string | null, at: string | null): Decision | null => (by !== null && at !== null ? { by, at } : null);
const storedReview = (r: PlanRow): StoredReview | null => (r.review === null ? null : (JSON.parse(r.review) as StoredReview));

const toPlan = (r: PlanRow): BackupPlan => {
  const config = planConfigSchema.parse(JSON.parse(r.config));
  const review = storedReview(r);
  return {
    name: r.name, ...config, createdAt: r.created_at, createdBy: r.created_by,
    scheduleText: config.schedule ? describeSchedule(config.schedule) : null,
    verifyScheduleText: config.verifySchedule ? describeSchedule(config.verifySchedule) : null,
    databaseDecision: decision(r.database_decided_by, r.database_decided_at),
    recipientsDecision: decision(r.recipients_decided_by, r.recipients_decided_at),
    review: review === null ? null : { reasons: review.reasons, since: review.since, blocksRuns: review.blocksRuns },
  };
};

function planRow(db: Db, name: string): PlanRow {
  const row = db.prepare('SELECT * FROM backup_plans WHERE name = ?').get(name) as PlanRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no backup plan "${name}"`);
  return row;
}

/** `field` is the input's path (`sources.0`, `target`), as schema issues name it. */
function invalid(field: string, message: string): never {
  throw new ApiFailure('VALIDATION', message, { issues: [`${field}: ${message}`] });
}

const inside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
const real = (p: string): string => (existsSync(p) ? realpathSync(p) : resolve(p));

/** What a plan must satisfy beyond its schema: paths that exist and make sense together. */
function checkConfig(config: PlanConfig, dataDir: string): void {
  if (config.sources.length === 0 && !config.includeDatabase) invalid('sources', 'a plan needs at least one source (or the Firebreak database)');
  config.sources.forEach((s, i) => {
    if (!isAbsolute(s)) invalid(`sources.${i}`, `source ${s}: give an absolute path`);
    if (!existsSync(s)) invalid(`sources.${i}`, `source ${s} does not exist`);
  });
  if (!isAbsolute(config.target)) invalid('target', `target ${config.target}: give an absolute path`);
  if (existsSync(config.target) && !statSync(config.target).isDirectory()) invalid('target', `target ${config.target} is not a directory`);
  const target = real(config.target);
  for (const s of config.sources) {
    if (inside(target, real(s))) invalid('target', `target ${config.target} is inside source ${s}: the backup would contain itself`);
  }
  if (config.includeDatabase && inside(target, real(dataDir))) invalid('target', `target ${config.target} is inside the data directory; keep backups elsewhere`);
  if (config.schedule !== null && describeSchedule(config.schedule) === null) invalid('schedule', `schedule "${config.schedule}" is not a cron expression (e.g. "30 2 * * *" for 02:30 every day)`);
  if (config.verifySchedule !== null && describeSchedule(config.verifySchedule) === null) {
    invalid('verifySchedule', `verification schedule "${config.verifySchedule}" is not a cron expression (e.g. "0 6 * * 0" for 06:00 every Sunday)`);
  }
}

/**
 * Adds a plan. The caller has checked the permissions its content needs (backup:include-database
 * when databaseReach finds the database, backup:recipients for extra recipients): the plan records
 * the actor as the one who decided each, and each decision is its own event in the log.
 */
export function addPlan(db: Db, dataDir: string, actor: string, name: string, config: PlanConfig, now: string): BackupPlan {
  checkConfig(config, dataDir);
  const database = databaseReach(config, dataDir);
  const recipients = config.recipients.length > 0;
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM backup_plans WHERE name = ?').get(name)) throw new ApiFailure('ALREADY_EXISTS', `a backup plan "${name}" already exists`);
    // The identity exists before the first backup can need it.
    backupIdentity(db, now);
    db.prepare(
      `INSERT INTO backup_plans (name, config, created_at, created_by, updated_at, database_decided_by, database_decided_at, recipients_decided_by, recipients_decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(name, JSON.stringify(config), now, actor, now, database.length > 0 ? actor : null, database.length > 0 ? now : null, recipients ? actor : null, recipients ? now : null);
    appendEvent(db, { actor, type: 'backup.plan_added', ts: now, data: { plan: name, ...config, database } });
    if (recipients) {
      appendEvent(db, {
        actor, type: 'backup.plan_recipients_changed', ts: now,
        data: { plan: name, before: [], after: config.recipients, added: config.recipients, removed: [], reason: 'plan added' },
      });
    }
    return getPlan(db, name);
  }).immediate();
}

export function getPlan(db: Db, name: string): BackupPlan {
  return toPlan(planRow(db, name));
}

export function listPlans(db: Db): BackupPlan[] {
  return (db.prepare('SELECT * FROM backup_plans ORDER BY name').all() as PlanRow[]).map(toPlan);
}

/** Removes the plan; its backups stay on disk and in the list (they are still restorable). */
export function removePlan(db: Db, actor: string, name: string, now: string): { removed: string } {
  return db.transaction(() => {
    getPlan(db, name);
    db.prepare('DELETE FROM backup_plans WHERE name = ?').run(name);
    appendEvent(db, { actor, type: 'backup.plan_removed', ts: now, data: { plan: name } });
    return { removed: name };
  }).immediate();
}

/**
 * Replaces the plan's extra recipients (the caller holds backup:recipients), logged with the list
 * before and after and the reason. The backups made so far stay encrypted to the recipients they
 * were made for: only later ones follow the new list. The same list again is refused.
 */
export function setPlanRecipients(db: Db, actor: string, name: string, recipients: readonly string[], reason: string, now: string): BackupPlan {
  return db.transaction(() => {
    const row = planRow(db, name);
    const config = planConfigSchema.parse(JSON.parse(row.config));
    const before = config.recipients;
    const after = [...new Set(recipients)];
    if (before.length === after.length && before.every((r) => after.includes(r))) {
      throw new ApiFailure('CONFLICT', `plan ${name} already has exactly these recipients: nothing was changed`);
    }
    db.prepare('UPDATE backup_plans SET config = ?, updated_at = ?, recipients_decided_by = ?, recipients_decided_at = ? WHERE name = ?')
      .run(JSON.stringify({ ...config, recipients: after }), now, actor, now, name);
    appendEvent(db, {
      actor, type: 'backup.plan_recipients_changed', ts: now,
      data: { plan: name, before, after, added: after.filter((r) => !before.includes(r)), removed: before.filter((r) => !after.includes(r)), reason },
    });
    return getPlan(db, name);
  }).immediate();
}

/**
 * An administrator's decision on a plan waiting for review: it stays as it is. Whoever approves
 * becomes the one who decided its database content and its recipients; the review ends, logged
 * with its reasons and the note. A plan not waiting for a review is refused.
 */
export function approvePlan(db: Db, dataDir: string, actor: string, name: string, note: string, now: string): BackupPlan {
  return db.transaction(() => {
    const plan = getPlan(db, name);
    if (plan.review === null) throw new ApiFailure('CONFLICT', `plan ${name} is not waiting for a review: nothing was changed`);
    const database = databaseReach(plan, dataDir);
    const recipients = plan.recipients.length > 0;
    db.prepare(
      `UPDATE backup_plans SET review = NULL, updated_at = ?,
         database_decided_by = ?, database_decided_at = ?,
         recipients_decided_by = CASE WHEN ? THEN ? ELSE recipients_decided_by END,
         recipients_decided_at = CASE WHEN ? THEN ? ELSE recipients_decided_at END
       WHERE name = ?`,
    ).run(now, database.length > 0 ? actor : null, database.length > 0 ? now : null, recipients ? 1 : 0, actor, recipients ? 1 : 0, now, name);
    appendEvent(db, {
      actor, type: 'backup.plan_approved', ts: now,
      data: { plan: name, reasons: plan.review.reasons, note, database, recipients: plan.recipients },
    });
    return getPlan(db, name);
  }).immediate();
}

/** Flags a plan for an administrator's review (adding to the reasons it already has); the alarm follows (raisePlanReviewAlarms). */
function flagPlan(db: Db, name: string, reasons: readonly string[], blocksRuns: boolean, now: string): void {
  const old = storedReview(planRow(db, name));
  const all = [...(old?.reasons ?? [])];
  for (const r of reasons) if (!all.includes(r)) all.push(r);
  if (old !== null && all.length === old.reasons.length && old.blocksRuns === blocksRuns) return;
  const review: StoredReview = { reasons: all, since: old?.since ?? now, blocksRuns: blocksRuns || (old?.blocksRuns ?? false), alarmed: false };
  db.prepare('UPDATE backup_plans SET review = ? WHERE name = ?').run(JSON.stringify(review), name);
}

/**
 * Before a run: a plan that would put Firebreak's database in its backup must have an
 * administrator's decision for it. A source can come to reach the data directory after the plan
 * was added (a symlink changed): a plan from after these decisions is then flagged and its run
 * refused; a plan from before (migration 0270) is flagged and keeps running as it always did,
 * until an administrator decides.
 */
export function checkDatabaseDecision(db: Db, dataDir: string, name: string, now: string): void {
  const row = planRow(db, name);
  const plan = toPlan(row);
  if (plan.databaseDecision !== null) return;
  const reach = databaseReach(plan, dataDir);
  if (reach.length === 0) return;
  const blocks = row.predates_decisions === 0 || (plan.review?.blocksRuns ?? false);
  // The upgrade flagged every older plan with the snapshot in its own words: only new reasons are added.
  const fresh = plan.review === null ? reach : reach.filter((r) => r !== SNAPSHOT_REASON);
  db.transaction(() => flagPlan(db, name, fresh, blocks, now)).immediate();
  if (blocks) {
    throw new ApiFailure(
      'FORBIDDEN',
      `plan ${name} would back up Firebreak's database (${reach.join('; ')}), which no administrator decided: the run was refused and the plan waits for an administrator's review (backup:include-database)`,
    );
  }
}

/**
 * Puts an alarm in the log for every plan newly waiting for review (by `system`), once each: the
 * Backups screen and `backup plan list` show the review until an administrator decides.
 */
export function raisePlanReviewAlarms(db: Db, now: string): { plan: string; reasons: string[] }[] {
  const raised: { plan: string; reasons: string[] }[] = [];
  const rows = db.prepare('SELECT * FROM backup_plans WHERE review IS NOT NULL ORDER BY name').all() as PlanRow[];
  for (const row of rows) {
    const review = storedReview(row);
    if (review === null || review.alarmed) continue;
    db.transaction(() => {
      appendEvent(db, { actor: 'system', type: 'backup.plan_review_needed', ts: now, data: { plan: row.name, reasons: review.reasons, blocksRuns: review.blocksRuns, since: review.since } });
      db.prepare('UPDATE backup_plans SET review = ? WHERE name = ?').run(JSON.stringify({ ...review, alarmed: true }), row.name);
    }).immediate();
    raised.push({ plan: row.name, reasons: review.reasons });
  }
  return raised;
}
