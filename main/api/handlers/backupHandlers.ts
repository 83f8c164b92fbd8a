import {
  addPlan, approvePlan, backupIdentity, databaseReach, drillBackup, getBackup, getPlan, listBackups, listChecks, listPlans, pruneBackups, removePlan,
  restoreBackup, runBackup, setPlanRecipients, verifyBackup, type CheckScope,
} from '../../backups';
import { roleHas } from '../../../contract';
import { getIncident } from '../../incidents';
import { shredLedgerPath } from '../../pii';
import { appendEvent } from '../../timeline';
import { actorOf, type Context, type Handlers } from './Context';
import { refuse, requirePermission } from './requirePermission';

type BackupMethods = 'backups.plans.list' | 'backups.plans.get' | 'backups.plans.add' | 'backups.plans.setRecipients' | 'backups.plans.approve'
  | 'backups.plans.remove' | 'backups.run'
  | 'backups.cancel' | 'backups.schedule' | 'backups.list' | 'backups.get' | 'backups.checks' | 'backups.verify' | 'backups.drill' | 'backups.prune' | 'backups.restore' | 'backups.exportIdentity';

/** Runs in progress in this process, by plan, so `backups.cancel` can stop them. */
const running = new Map<string, AbortController>();

const checkScope = (ctx: Context) => ({ db: ctx.open().db, actor: actorOf(ctx).user, now: ctx.nowIso });

/** A restore or drill done for an incident: refused before any work when there is no such incident. */
function linkedScope(ctx: Context, incidentRef: string | undefined): CheckScope {
  const scope = checkScope(ctx);
  if (incidentRef === undefined) return scope;
  getIncident(scope.db, incidentRef);
  return { ...scope, incidentRef };
}

export const backupHandlers: Pick<Handlers, BackupMethods> = {
  'backups.plans.list': (ctx) => listPlans(ctx.open().db),
  'backups.plans.get': (ctx, { name }) => getPlan(ctx.open().db, name),
  // Who may read the backups is decided here: the database opens with any user's key slot, and
  // a recipient's holder decrypts every backup (issue 13; docs/security.md).
  'backups.plans.add': (ctx, { name, ...config }) => {
    const database = databaseReach(config, ctx.dataDir);
    if (database.length > 0) {
      requirePermission(ctx, 'backups.plans.add', 'backup:include-database', `put Firebreak's database in a backup plan (${database.join('; ')})`,
        'leave it out (untick the database, or --no-database, and no source in or around the data directory), or ask an administrator to add the plan');
    }
    if (config.recipients.length > 0) {
      requirePermission(ctx, 'backups.plans.add', 'backup:recipients', 'add age recipients to a backup plan',
        "leave them out (the vault's backup identity is always a recipient), or ask an administrator to add them");
    }
    return addPlan(ctx.open().db, ctx.dataDir, actorOf(ctx).user, name, config, ctx.nowIso());
  },
  'backups.plans.setRecipients': (ctx, { name, recipients, reason }) => setPlanRecipients(ctx.open().db, actorOf(ctx).user, name, recipients, reason, ctx.nowIso()),
  'backups.plans.approve': (ctx, { name, note }) => {
    const { db } = ctx.open();
    const plan = getPlan(db, name);
    if (plan.recipients.length > 0 && plan.recipientsDecision === null) {
      requirePermission(ctx, 'backups.plans.approve', 'backup:recipients', `approve the extra recipients of plan ${name}`,
        'ask an administrator, who may also change them');
    }
    return approvePlan(db, ctx.dataDir, actorOf(ctx).user, name, note, ctx.nowIso());
  },
  'backups.plans.remove': (ctx, { name }) => removePlan(ctx.open().db, actorOf(ctx).user, name, ctx.nowIso()),
  'backups.run': async (ctx, { name }) => {
    const { db, dataKey } = ctx.open();
    const controller = new AbortController();
    // A second run of the same plan is refused by the plan lock; only register the first.
    const mine = !running.has(name);
    if (mine) running.set(name, controller);
    try {
      return await runBackup({ db, dataDir: ctx.dataDir, keyHex: dataKey.toString('hex'), actor: actorOf(ctx).user, now: ctx.nowIso }, name, {
        onProgress: (p) => ctx.notify('backup.progress', { plan: name, ...p }),
        signal: controller.signal,
      });
    } finally {
      if (mine) running.delete(name);
    }
  },
  'backups.cancel': (ctx, { name }) => {
    const controller = running.get(name);
    if (!controller) return { cancelled: false };
    controller.abort(new Error(`cancelled by ${actorOf(ctx).user}`));
    return { cancelled: true };
  },
  'backups.schedule': (ctx) => ctx.backupSchedule(),
  'backups.list': (ctx, { plan }) => listBackups(ctx.open().db, plan),
  'backups.get': (ctx, { id }) => getBackup(ctx.open().db, id),
  'backups.checks': (ctx, { plan, backupId, level, limit }) => listChecks(ctx.open().db, {
    limit, ...(plan !== undefined ? { plan } : {}), ...(backupId !== undefined ? { backupId } : {}), ...(level !== undefined ? { level } : {}),
  }),
  'backups.verify': (ctx, { id, level }) => verifyBackup(checkScope(ctx), id, level),
  'backups.drill': (ctx, { id, incidentRef }) => drillBackup(linkedScope(ctx, incidentRef), id),
  'backups.prune': (ctx, { name, dryRun }) => pruneBackups(checkScope(ctx), name, dryRun),
  'backups.restore': (ctx, { id, to, path, overwrite, incidentRef }) =>
    restoreBackup(linkedScope(ctx, incidentRef), id, {
      to, overwrite, ...(path !== undefined ? { path } : {}), liveShredLedger: shredLedgerPath(ctx.dataDir),
      ...(roleHas(actorOf(ctx).role, 'backup:restore-database') ? {} : {
        refuseDatabase: (files: string[]) => refuse(ctx, 'backups.restore', 'backup:restore-database',
          `restore Firebreak's database out of backup ${id} (${files.slice(0, 3).join(', ')}${files.length > 3 ? `, and ${files.length - 3} more` : ''})`,
          'restore only other paths of it (name one: --path in the CLI, "Only this path" in the app), or ask an administrator'),
      }),
    }),
  'backups.exportIdentity': (ctx) => {
    const { db } = ctx.open();
    return db.transaction(() => {
      const id = backupIdentity(db, ctx.nowIso());
      // The identity itself never goes into the log: only that it was handed out, and to whom.
      appendEvent(db, { actor: actorOf(ctx).user, type: 'backup.identity_exported', ts: ctx.nowIso(), data: { recipient: id.recipient } });
      return id;
    }).immediate();
  },
};
