import type { Role, RunStepView, RunView } from '../../contract';
import type { TestClient } from './client';

export interface Crew {
  /** Does every non-approval step (needs runbook:run, incident:write and evidence:write). */
  doer: TestClient;
  /** Two different approvers per role, for four-eyes steps. */
  approvers: Record<Role, [TestClient, TestClient]>;
  now: () => string;
}

/** Which answer a decision gets: the first or last answer that leaves the loop. */
export type AnswerPolicy = 'first' | 'last';

function valueFor(step: RunStepView, now: string): unknown {
  switch (step.definition.type) {
    case 'choice': return step.definition.options?.[0];
    case 'number': return 42;
    case 'boolean': return true;
    case 'datetime': return now;
    case 'data-categories': return ['contact', 'health'];
    case 'jurisdictions': return ['DE', 'US-CA'];
    case 'affected-counts': return [{ jurisdiction: 'DE', count: 120 }, { jurisdiction: 'US-CA', count: 40 }];
    default: return `value for ${step.definition.id}`;
  }
}

/**
 * Works a run to the end the way a crew would, one available step at a time, through the real
 * API. Returns the final view and the number of steps done.
 */
export async function driveRun(crew: Crew, run: RunView, policy: AnswerPolicy, maxActions = 2000): Promise<{ run: RunView; actions: number }> {
  let view = run;
  let actions = 0;
  const runId = run.id;
  while (view.completedAt === null) {
    if (actions++ > maxActions) throw new Error(`run ${run.runbookId} did not finish in ${maxActions} actions`);
    const step = view.steps.find((s) => s.state === 'available');
    if (!step) throw new Error(`run ${run.runbookId} is stuck: ${view.steps.filter((s) => s.state === 'pending').map((s) => `${s.definition.id} (${s.blockedBy.join('; ')})`).join(', ')}`);
    const d = step.definition;
    const id = d.id;
    switch (d.kind) {
      case 'approval': {
        const [first, second] = crew.approvers[d.role ?? 'manager'];
        const who = step.approvals.length === 0 ? first : second;
        view = await who.call('runs.approve', { runId, step: id });
        break;
      }
      case 'decision': {
        const leaving = (d.answers ?? []).filter((a) => a.repeatFrom === undefined);
        const answer = (policy === 'first' ? leaving[0] : leaving.at(-1))?.value;
        view = await crew.doer.call('runs.act', { runId, action: { type: 'done', step: id, answer } });
        break;
      }
      case 'input':
        view = await crew.doer.call('runs.act', { runId, action: { type: 'done', step: id, value: valueFor(step, crew.now()) as never } });
        break;
      case 'checklist':
        view = await crew.doer.call('runs.act', { runId, action: { type: 'done', step: id, items: (d.items ?? []).map((_, i) => i) } });
        break;
      case 'evidence': {
        const evidence: string[] = [];
        for (let i = 0; i < (d.minFiles ?? 1); i++) {
          const added = await crew.doer.call('evidence.add', { ref: run.incidentRef, name: `${id}-${i}.txt`, mediaType: 'text/plain', dataBase64: Buffer.from(`${id} ${i}`).toString('base64') });
          evidence.push(added.id);
        }
        view = await crew.doer.call('runs.act', { runId, action: { type: 'done', step: id, evidence } });
        break;
      }
      default:
        view = await crew.doer.call('runs.act', { runId, action: { type: 'done', step: id } });
    }
  }
  return { run: view, actions };
}
