import { join } from 'node:path';
import { FINISHED_STATES, type BoardRow, type OpenItem } from '../../../contract';
import { listDrafts, loadRegimeLibrary, openObligations } from '../../notify';
import { listRuns } from '../../runbooks';
import type { Context } from './Context';

const utc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function obligationText(r: BoardRow): string {
  const when =
    r.due !== null ? (r.overdue ? `overdue since ${utc(r.due)}` : `due ${utc(r.due)}`)
    : r.status === 'asap' ? 'due as soon as feasible'
    : r.waitingFor !== null ? `deadline not known yet (waiting for ${r.waitingFor})`
    : 'deadline not known yet';
  return `${r.regimeName} — ${r.stageTitle}: ${when}`;
}

/**
 * What is still open on an incident about to be closed, so closing over it is a decision with a
 * reason rather than a click (issue 11 §1): the incident's open notification obligations (the
 * notify domain decides which are open: met by a sent notice or decided not required, they drop
 * off), runbook runs with unfinished steps and their pending approvals, and notices drafted
 * but not sent. Closing records this list; it ends none of it.
 */
export function openItemsForClosing(ctx: Context, ref: string): OpenItem[] {
  const { db } = ctx.open();
  const now = ctx.nowIso();
  const items: OpenItem[] = [];

  // This incident's alone: the whole board would assess every incident being assessed.
  for (const r of openObligations(db, loadRegimeLibrary(ctx.notifyDir, ctx.dataDir), ref, now)) {
    items.push({
      kind: 'obligation', text: obligationText(r), regimeId: r.regimeId, regimeName: r.regimeName, stageId: r.stageId,
      stageTitle: r.stageTitle, due: r.due, overdue: r.overdue,
    });
  }

  // Values are not read here, so the runs are loaded as a role without pii:read would see them.
  const scope = { db, dirs: { builtin: ctx.builtinRunbooksDir, custom: join(ctx.dataDir, 'runbooks') }, now, seesPii: false };
  for (const run of listRuns(scope, ref)) {
    const open = run.steps.filter((s) => !FINISHED_STATES.includes(s.state));
    if (open.length === 0) continue;
    const finished = run.steps.length - open.length;
    items.push({
      kind: 'run', text: `Runbook “${run.title}”: ${finished} of ${run.steps.length} steps finished, ${open.length} open`,
      runId: run.id, runbookId: run.runbookId, title: run.title, finished, total: run.steps.length,
    });
    // Approvals that can be given now and are still missing; those still waiting for earlier steps count as open steps of the run.
    for (const step of open.filter((s) => s.definition.kind === 'approval' && s.state === 'available')) {
      const needed = step.definition.people ?? 1;
      const role = step.definition.role ? `, by ${step.definition.role}` : '';
      items.push({
        kind: 'approval', text: `Approval “${step.definition.title}” in “${run.title}”: ${step.approvals.length} of ${needed} given${role}`,
        runId: run.id, runTitle: run.title, stepId: step.definition.id, stepTitle: step.definition.title,
        approvals: step.approvals.length, needed,
      });
    }
  }

  for (const d of listDrafts(db, ref)) {
    if (d.status === 'sent') continue;
    const what = `${d.regimeName}${d.stage ? ` (${d.stage})` : ''}, version ${d.latestVersion}`;
    items.push({
      kind: 'notice', text: `Notice ${what}: ${d.status === 'draft' ? 'not approved yet' : 'approved, not recorded as sent'}`,
      draftId: d.id, regimeName: d.regimeName, stage: d.stage, status: d.status,
    });
  }
  return items;
}
