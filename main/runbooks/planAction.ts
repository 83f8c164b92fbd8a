import { ApiFailure, type Role, type RunAction } from '../../contract';
import { blockedBy } from './deriveTransitions';
import { parseInputValue } from './parseInputValue';
import type { RunGraph } from './RunGraph';
import type { RunState } from './RunState';
import { UNDOABLE_KINDS, type UserTransition } from './RunTransition';
import type { RunbookStep } from './runbookSchema';

export interface Actor {
  user: string;
  role: Role;
}

/** An approval is its own action (runs.approve), because it needs another permission than doing a step. */
export type PlannedAction = RunAction | { type: 'approve'; step: string; note?: string };

function refuse(code: 'CONFLICT' | 'VALIDATION' | 'FORBIDDEN' | 'NOT_FOUND', message: string): never {
  throw new ApiFailure(code, message, code === 'VALIDATION' ? { issues: [message] } : undefined);
}

function stepOrRefuse(graph: RunGraph, id: string): RunbookStep {
  const def = graph.byId.get(id);
  if (!def) refuse('NOT_FOUND', `this runbook has no step "${id}"`);
  return def;
}

/** The step must be available now; otherwise say why not in the operator's words. */
function mustBeAvailable(graph: RunGraph, state: RunState, def: RunbookStep): number {
  const s = state.steps.get(def.id);
  if (!s) refuse('NOT_FOUND', `this runbook has no step "${def.id}"`);
  if (s.state === 'available') return s.pass;
  if (s.state === 'pending') refuse('CONFLICT', `step "${def.id}" cannot be done yet: ${blockedBy(graph, state, def.id).join('; ') || 'it is pending'}`);
  refuse('CONFLICT', `step "${def.id}" is already ${s.state}${s.reason ? ` (${s.reason})` : ''}`);
}

function noExtras(def: RunbookStep, action: Extract<RunAction, { type: 'done' }>, allowed: readonly string[]): void {
  for (const key of ['answer', 'value', 'items', 'evidence'] as const) {
    if (action[key] !== undefined && !allowed.includes(key)) refuse('VALIDATION', `step "${def.id}" is a ${def.kind} step and takes no ${key}`);
  }
}

/**
 * Checks what a person wants to do against the run's state and the step's kind, and returns the
 * transition to record. Throws a clear ApiFailure (and records nothing) when it is not allowed.
 */
export function planAction(
  graph: RunGraph,
  state: RunState,
  action: PlannedAction,
  actor: Actor,
  evidenceExists: (id: string) => boolean,
): UserTransition {
  if (action.type === 'undo') {
    const target = [...state.transitions].reverse().find((t) => UNDOABLE_KINDS.has(t.t) && !state.undone.has(t.n));
    if (!target) refuse('CONFLICT', 'there is nothing to undo in this run');
    // An approval is a person's own word: only they (or an administrator) may take it back.
    if (target.t === 'approve' && target.by !== actor.user && actor.role !== 'admin') {
      refuse('FORBIDDEN', `the last transition is ${target.by}'s approval of "${target.step}"; only ${target.by} or an administrator may undo it`);
    }
    return { t: 'undo', target: target.n, reason: action.reason };
  }
  const def = stepOrRefuse(graph, action.step);
  if (action.type === 'note') return { t: 'note', step: def.id, text: action.text };
  if (state.completedAt !== null) refuse('CONFLICT', 'the run is complete; undo its last step to change it');

  if (action.type === 'skip') return { t: 'skip', step: def.id, pass: mustBeAvailable(graph, state, def), reason: action.reason };

  if (action.type === 'tick') {
    const pass = mustBeAvailable(graph, state, def);
    if (def.kind !== 'checklist') refuse('VALIDATION', `step "${def.id}" is a ${def.kind} step, not a checklist`);
    if (action.item >= def.items.length) refuse('VALIDATION', `step "${def.id}" has ${def.items.length} items; there is no item ${action.item + 1}`);
    return { t: 'tick', step: def.id, pass, item: action.item, checked: action.checked };
  }

  if (action.type === 'approve' || def.kind === 'approval') {
    if (def.kind !== 'approval') refuse('VALIDATION', `step "${def.id}" is a ${def.kind} step, not an approval`);
    const pass = mustBeAvailable(graph, state, def);
    if (def.role !== undefined && actor.role !== def.role) {
      refuse('FORBIDDEN', `step "${def.id}" must be approved by a ${def.role}; you are signed in as ${actor.role}`);
    }
    if (state.steps.get(def.id)?.approvals.some((a) => a.by === actor.user)) {
      refuse('CONFLICT', `you have already approved step "${def.id}"; a second, different person must approve it`);
    }
    return { t: 'approve', step: def.id, pass, role: actor.role, ...(action.note ? { note: action.note } : {}) };
  }

  const pass = mustBeAvailable(graph, state, def);
  const note = action.note ? { note: action.note } : {};
  switch (def.kind) {
    case 'task':
    case 'command':
    case 'notify':
    case 'timer':
      noExtras(def, action, []);
      return { t: 'done', step: def.id, pass, ...note };
    case 'checklist': {
      noExtras(def, action, ['items']);
      const ticked = new Set([...(state.steps.get(def.id)?.ticked ?? []), ...(action.items ?? [])]);
      const bad = (action.items ?? []).filter((i) => i >= def.items.length);
      if (bad.length > 0) refuse('VALIDATION', `step "${def.id}" has ${def.items.length} items; there is no item ${(bad[0] ?? 0) + 1}`);
      const missing = def.items.map((_, i) => i).filter((i) => !ticked.has(i));
      if (missing.length > 0) {
        refuse('VALIDATION', `tick every item of step "${def.id}" first: ${def.items.length - missing.length} of ${def.items.length} ticked (missing: ${missing.map((i) => i + 1).join(', ')})`);
      }
      return { t: 'done', step: def.id, pass, ...note, ...(action.items ? { items: [...new Set(action.items)] } : {}) };
    }
    case 'input': {
      noExtras(def, action, ['value']);
      return { t: 'done', step: def.id, pass, ...note, value: parseInputValue(def, action.value) };
    }
    case 'decision': {
      noExtras(def, action, ['answer']);
      if (action.answer === undefined) refuse('VALIDATION', `step "${def.id}" needs an answer: ${def.answers.map((a) => a.value).join(', ')}`);
      if (!def.answers.some((a) => a.value === action.answer)) {
        refuse('VALIDATION', `"${action.answer}" is not an answer of step "${def.id}" (answers: ${def.answers.map((a) => a.value).join(', ')})`);
      }
      return { t: 'done', step: def.id, pass, ...note, answer: action.answer };
    }
    case 'evidence': {
      noExtras(def, action, ['evidence']);
      const ids = [...new Set(action.evidence ?? [])];
      if (ids.length < def.minFiles) {
        refuse('VALIDATION', `step "${def.id}" needs ${def.minFiles} evidence file(s) attached (${def.attach}); ${ids.length} given`);
      }
      const unknown = ids.filter((id) => !evidenceExists(id));
      if (unknown.length > 0) refuse('VALIDATION', `no evidence ${unknown.join(', ')} on this incident`);
      // One file proves one step: a file already attached to another step of this run does not count twice.
      for (const [other, s] of state.steps) {
        const reused = other === def.id ? [] : ids.filter((id) => s.evidence.includes(id));
        if (reused.length > 0) refuse('VALIDATION', `evidence ${reused.join(', ')} is already attached to step "${other}" of this run; attach another file`);
      }
      return { t: 'done', step: def.id, pass, ...note, evidence: ids };
    }
  }
}
