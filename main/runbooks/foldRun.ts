import type { RunGraph } from './RunGraph';
import { newStepRun, type RunState, type StepRun } from './RunState';
import { isConsequence, SYSTEM_ACTOR, type Transition } from './RunTransition';
import { parseDuration } from './parseDuration';

/**
 * Replays a run's recorded transitions into its state. Nothing is re-decided here: conditions,
 * branches and loops were decided when they happened and recorded as automatic transitions.
 * Undone transitions, and the automatic ones that followed from them, are skipped.
 */
export function foldRun(graph: RunGraph, transitions: readonly Transition[]): RunState {
  const undone = new Set<number>();
  for (const tr of transitions) if (tr.t === 'undo') undone.add(tr.target);
  for (const tr of transitions) if (tr.cause !== undefined && undone.has(tr.cause)) undone.add(tr.n);
  const state: RunState = {
    steps: new Map(graph.steps.map((s) => [s.id, newStepRun()])),
    clocks: new Map(),
    inputs: new Map(),
    completedAt: null,
    transitions: [],
    undone,
  };
  for (const tr of transitions) {
    state.transitions.push(tr);
    if (!undone.has(tr.n)) applyTransition(graph, state, tr);
  }
  return state;
}

const secondsBetween = (from: string | null, to: string): number => (from === null ? 0 : Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000));

function finish(s: StepRun, state: StepRun['state'], tr: Transition): void {
  s.state = state;
  s.finishedAt = tr.at;
  s.finishedBy = tr.by;
  s.seconds += secondsBetween(s.availableAt, tr.at);
  s.causeN = null;
}

/** The person's transition a consequence followed from; null for rows recorded before consequences were the system's. */
const causeOf = (tr: Transition): number | null => (isConsequence(tr) ? tr.cause : null);

/** Applies one transition that is known to be valid (checked by the engine before it was recorded). */
export function applyTransition(graph: RunGraph, state: RunState, tr: Transition): void {
  const step = 'step' in tr ? state.steps.get(tr.step) : undefined;
  switch (tr.t) {
    case 'start':
    case 'undo':
      return;
    case 'available':
      if (step) {
        step.state = 'available';
        step.availableAt = tr.at;
        step.causeN = causeOf(tr);
      }
      return;
    case 'not-applicable':
    case 'not-taken':
      if (step) {
        step.state = tr.t;
        step.reason = tr.reason;
        step.finishedAt = tr.at;
        // Older rows carry the name of the person whose action this followed from; they were shown
        // without anyone, and still are.
        step.finishedBy = isConsequence(tr) ? SYSTEM_ACTOR : null;
        step.causeN = causeOf(tr);
      }
      return;
    case 'done': {
      if (!step) return;
      finish(step, 'done', tr);
      step.note = tr.note ?? null;
      step.answer = tr.answer ?? null;
      step.value = tr.value ?? null;
      if (tr.items) for (const i of tr.items) step.ticked.add(i);
      if (tr.evidence) step.evidence = [...tr.evidence];
      const def = graph.byId.get(tr.step);
      if (def?.kind === 'input' && tr.value !== undefined) state.inputs.set(def.name, tr.value);
      if (def?.kind === 'timer') {
        if (def.action === 'start') {
          state.clocks.set(def.clock, {
            name: def.clock,
            startedAt: tr.at,
            startedBy: tr.by,
            stoppedAt: null,
            dueAt: def.deadline ? new Date(Date.parse(tr.at) + parseDuration(def.deadline) * 1000).toISOString() : null,
            remindEverySeconds: def.remindEvery ? parseDuration(def.remindEvery) : null,
          });
        } else {
          const clock = state.clocks.get(def.clock);
          if (clock && clock.stoppedAt === null) clock.stoppedAt = tr.at;
        }
      }
      return;
    }
    case 'skip':
      if (!step) return;
      finish(step, 'skipped', tr);
      step.reason = tr.reason;
      return;
    case 'tick':
      if (!step) return;
      if (tr.checked) step.ticked.add(tr.item);
      else step.ticked.delete(tr.item);
      return;
    case 'approve': {
      if (!step) return;
      step.approvals.push({ by: tr.by, at: tr.at, note: tr.note ?? null });
      const def = graph.byId.get(tr.step);
      const needed = def?.kind === 'approval' ? def.people : 1;
      if (step.approvals.length >= needed) {
        finish(step, 'done', tr);
        step.note = tr.note ?? null;
      }
      return;
    }
    case 'note':
      step?.notes.push({ by: tr.by, at: tr.at, text: tr.text });
      return;
    case 'repeat':
      for (const id of tr.steps) {
        const s = state.steps.get(id);
        if (!s) continue;
        const fresh = newStepRun();
        state.steps.set(id, { ...fresh, pass: s.pass + 1, seconds: s.seconds, notes: s.notes, causeN: causeOf(tr) });
      }
      state.completedAt = null;
      return;
    case 'complete':
      state.completedAt = tr.at;
      return;
  }
}
