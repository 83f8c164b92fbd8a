import { addPlan, drillBackup, getBackup, getPlan, pruneBackups, listBackups, listChecks, listPlans, removePlan, restoreBackup, runBackup, verifyBackup, backupIdentity, type CheckScope } from '../../backups';
import { getIncident } from '../../incidents';
import { appendEvent } from '../../timeline';
import { actorOf, type Context, type Handlers } from './Context';

type BackupMethods = 'backups.plans.list' | 'backups.plans.get' | 'backups.plans.add' | 'backups.plans.remove' | 'backups.run'
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
  'backups.plans.add': (ctx, { name, ...config }) => addPlan(ctx.open().db, ctx.dataDir, actorOf(ctx).user, name, config, ctx.nowIso()),
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
    restoreBackup(linkedScope(ctx, incidentRef), id, { to, overwrite, ...(path !== undefined ? { path } : {}) }),
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
