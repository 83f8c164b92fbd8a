import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ApiFailure, planConfigSchema, type BackupPlan, type PlanConfig } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { backupIdentity } from './backupIdentity';
import { describeSchedule } from './describeSchedule';

interface PlanRow {
  name: string;
  config: string;
  created_at: string;
  created_by: string;
}

const toPlan = (r: PlanRow): BackupPlan => {
  const config = planConfigSchema.parse(JSON.parse(r.config));
  return {
    name: r.name, ...config, createdAt: r.created_at, createdBy: r.created_by,
    scheduleText: config.schedule ? describeSchedule(config.schedule) : null,
    verifyScheduleText: config.verifySchedule ? describeSchedule(config.verifySchedule) : null,
  };
};

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

export function addPlan(db: Db, dataDir: string, actor: string, name: string, config: PlanConfig, now: string): BackupPlan {
  checkConfig(config, dataDir);
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM backup_plans WHERE name = ?').get(name)) throw new ApiFailure('ALREADY_EXISTS', `a backup plan "${name}" already exists`);
    // The identity exists before the first backup can need it.
    backupIdentity(db, now);
    db.prepare('INSERT INTO backup_plans (name, config, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, JSON.stringify(config), now, actor, now);
    appendEvent(db, { actor, type: 'backup.plan_added', ts: now, data: { plan: name, ...config } });
    return getPlan(db, name);
  }).immediate();
}

export function getPlan(db: Db, name: string): BackupPlan {
  const row = db.prepare('SELECT * FROM backup_plans WHERE name = ?').get(name) as PlanRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no backup plan "${name}"`);
  return toPlan(row);
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
