import { evaluateWhen, type WhenFacts } from './evaluateWhen';
import type { RunGraph } from './RunGraph';
import { reachableFrom, stepsBetween } from './RunGraph';
import { FINISHED, type RunState } from './RunState';
import type { AutoTransition } from './RunTransition';
import type { RunbookStep } from './runbookSchema';

/**
 * Everything that follows from the run's current state (docs/runbook-format.md, "Semantics"):
 * steps whose prerequisites are finished become available or not applicable, branches nobody
 * chose become not taken, and a run whose every step is finished completes. `emit` records and
 * applies each one, so later decisions in the same pass see the earlier ones.
 */
export function deriveTransitions(graph: RunGraph, state: RunState, facts: WhenFacts, emit: (t: AutoTransition) => void): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const def of graph.steps) {
      if (state.steps.get(def.id)?.state !== 'pending') continue;
      const next = decide(graph, state, def, facts);
      if (next) {
        emit(next);
        changed = true;
      }
    }
  }
  if (state.completedAt === null && [...state.steps.values()].every((s) => FINISHED.has(s.state))) emit({ t: 'complete' });
}

function decide(graph: RunGraph, state: RunState, def: RunbookStep, facts: WhenFacts): AutoTransition | null {
  const stepOf = (id: string) => state.steps.get(id);
  const pass = stepOf(def.id)?.pass ?? 1;
  const gates = graph.gates.get(def.id);
  if (gates) {
    const on = gates.some((g) => stepOf(g.decision)?.state === 'done' && stepOf(g.decision)?.answer === g.value);
    if (!on) {
      if (!gates.every((g) => FINISHED.has(stepOf(g.decision)?.state ?? 'pending'))) return null;
      return { t: 'not-taken', step: def.id, pass, reason: notChosen(gates.map((g) => g.decision), state) };
    }
  }
  const deps = graph.deps.get(def.id) ?? [];
  if (deps.some((d) => !FINISHED.has(stepOf(d)?.state ?? 'pending'))) return null;
  if (deps.length > 0 && deps.every((d) => stepOf(d)?.state === 'not-taken')) {
    return { t: 'not-taken', step: def.id, pass, reason: `every step it requires was not taken (${deps.join(', ')})` };
  }
  const why = evaluateWhen(def.when, facts, state.inputs);
  return why === null ? { t: 'available', step: def.id, pass } : { t: 'not-applicable', step: def.id, pass, reason: why };
}

function notChosen(decisions: string[], state: RunState): string {
  const parts = [...new Set(decisions)].map((d) => {
    const s = state.steps.get(d);
    return s?.state === 'done' ? `"${d}" was answered "${s.answer ?? ''}"` : `"${d}" was ${s?.state ?? 'pending'}`;
  });
  return `a branch nobody chose: ${parts.join('; ')}`;
}

/**
 * The steps a `repeatFrom` answer sends back to pending: the loop (from `from` to the decision)
 * and whatever downstream of it was decided against in the pass now being repeated (not taken or
 * not applicable), so it is decided again with the new pass's answers.
 */
export function repeatSet(graph: RunGraph, state: RunState, decision: string, from: string): string[] {
  const loop = stepsBetween(graph, from, decision);
  for (const id of reachableFrom(graph, [...loop])) {
    const s = state.steps.get(id)?.state;
    if (s === 'not-taken' || s === 'not-applicable') loop.add(id);
  }
  return graph.steps.map((s) => s.id).filter((id) => loop.has(id));
}

/** Why a pending step cannot be done yet, in words. */
export function blockedBy(graph: RunGraph, state: RunState, id: string): string[] {
  const out: string[] = [];
  for (const g of graph.gates.get(id) ?? []) {
    const d = state.steps.get(g.decision);
    if (!(d?.state === 'done' && d.answer === g.value) && !FINISHED.has(d?.state ?? 'pending')) {
      out.push(`waits for decision "${g.decision}" to choose this branch`);
    }
  }
  for (const dep of graph.deps.get(id) ?? []) {
    if (!FINISHED.has(state.steps.get(dep)?.state ?? 'pending')) out.push(`waits for "${dep}"`);
  }
  return [...new Set(out)];
}
