import { join } from 'node:path';
import { ApiFailure, rankRunbooks, roleHas } from '../../../contract';
import { getIncident } from '../../incidents';
import {
  actOnRun, duplicateRunbook, exportRunbook, getRun, importRunbook, lintRunbooks, listRunbooks, listRuns, loadResultOf, RunbookCheckWorker, startRun,
  type RunScope, type RunbookDirs,
} from '../../runbooks';
import type { RunView } from '../../../contract';
import { actorOf, type Context, type Handlers } from './Context';
import { piiViewOf } from './piiView';

type RunbookMethods = 'runbooks.list' | 'runbooks.lint' | 'runbooks.suggest' | 'runbooks.export' | 'runbooks.import' | 'runbooks.duplicate'
  | 'runs.start' | 'runs.list' | 'runs.get' | 'runs.act' | 'runs.approve';

const dirsOf = (ctx: Context): RunbookDirs => ({ builtin: ctx.builtinRunbooksDir, custom: join(ctx.dataDir, 'runbooks') });
const scopeOf = (ctx: Context): RunScope => ({ db: ctx.open().db, dirs: dirsOf(ctx), now: ctx.nowIso(), seesPii: roleHas(actorOf(ctx).role, 'pii:read') });

/** For a role without pii:read, the incident's personal values are masked in the run's notes and reasons (piiView); personal inputs are hidden already (toRunView). */
const view = (ctx: Context, run: RunView): RunView => piiViewOf(ctx)?.scrubberOf(run.incidentRef).scrubDeep(run) ?? run;

export const runbookHandlers: Pick<Handlers, RunbookMethods> = {
  'runbooks.list': (ctx) => listRunbooks(ctx.builtinRunbooksDir, join(ctx.dataDir, 'runbooks')),
  // Parsed on the runbook worker with a time limit, never on the backend's event loop (issue 13 §6).
  'runbooks.lint': (_ctx, { files }) => lintRunbooks(files),
  'runbooks.suggest': (ctx, { ref }) => {
    const { db } = ctx.open();
    const incident = getIncident(db, ref);
    const running = new Set(listRuns(scopeOf(ctx), ref).filter((r) => r.completedAt === null).map((r) => r.runbookId));
    return rankRunbooks(listRunbooks(ctx.builtinRunbooksDir, join(ctx.dataDir, 'runbooks')).filter((r) => r.problems.length === 0), incident)
      .map((r) => ({
        id: r.id ?? '', title: r.title ?? '', version: r.version ?? '', source: r.source,
        matchesCategory: r.matchesCategory, matchesSeverity: r.matchesSeverity, running: running.has(r.id ?? ''),
      }));
  },
  'runbooks.export': (ctx, { id, source }) => exportRunbook(dirsOf(ctx), id, source),
  'runbooks.import': async (ctx, { name, text, replace }) => {
    const checked = loadResultOf(await RunbookCheckWorker.shared().check(name, text));
    return importRunbook(ctx.open().db, dirsOf(ctx), actorOf(ctx).user, name, text, replace, ctx.nowIso(), checked);
  },
  'runbooks.duplicate': (ctx, { id, newId, title }) => duplicateRunbook(ctx.open().db, dirsOf(ctx), actorOf(ctx).user, id, newId, title, ctx.nowIso()),

  'runs.start': (ctx, { ref, runbookId }) => view(ctx, startRun(scopeOf(ctx), actorOf(ctx), ref, runbookId)),
  'runs.list': (ctx, { ref }) => listRuns(scopeOf(ctx), ref).map((r) => view(ctx, r)),
  'runs.get': (ctx, { runId }) => view(ctx, getRun(scopeOf(ctx), runId)),
  'runs.act': (ctx, { runId, action }) => {
    const scope = scopeOf(ctx);
    // An input that writes an incident field is an incident edit: it needs that permission too.
    if (action.type === 'done') {
      const step = getRun(scope, runId).steps.find((s) => s.definition.id === action.step);
      if (step?.definition.kind === 'input' && step.definition.writes && !roleHas(actorOf(ctx).role, 'incident:write')) {
        throw new ApiFailure('FORBIDDEN', `step "${action.step}" writes the incident's ${step.definition.writes}; your role may not change incidents`);
      }
      if (step?.definition.kind === 'approval' && !roleHas(actorOf(ctx).role, 'runbook:approve')) {
        throw new ApiFailure('FORBIDDEN', 'your role may not give approvals');
      }
    }
    return view(ctx, actOnRun(scope, actorOf(ctx), runId, action));
  },
  'runs.approve': (ctx, { runId, step, note }) => view(ctx, actOnRun(scopeOf(ctx), actorOf(ctx), runId, { type: 'approve', step, ...(note ? { note } : {}) })),
};
