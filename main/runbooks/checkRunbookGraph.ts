import { WRITABLE_FIELDS, type RunbookFile, type RunbookStep } from './runbookSchema';
import type { RunbookProblem } from './types';

/** Makes a problem at the node a data path points to. */
export type ProblemAt = (path: readonly (string | number)[], message: string) => RunbookProblem;

/**
 * The checks a schema cannot express: ids that must exist and be unique, and the shape of the
 * step graph (docs/runbook-format.md, "Semantics"). Runs only on a schema-valid runbook.
 * References are checked first: cycle and reachability analysis on dangling ids would only
 * repeat the same mistake in other words.
 */
export function checkRunbookGraph(rb: RunbookFile, at: ProblemAt): RunbookProblem[] {
  const problems = checkReferences(rb, at);
  if (problems.length > 0) return problems;
  const cycles = checkCycles(rb, at);
  if (cycles.length > 0) return cycles;
  return [...checkRepeats(rb, at), ...checkReachable(rb, at)];
}

const COMPARABLE = new Set(['choice', 'boolean', 'number', 'text']);
const stepPath = (i: number, ...rest: (string | number)[]) => ['steps', i, ...rest];

function checkReferences(rb: RunbookFile, at: ProblemAt): RunbookProblem[] {
  const out: RunbookProblem[] = [];
  const firstIndex = new Map<string, number>();
  rb.steps.forEach((s, i) => {
    const first = firstIndex.get(s.id);
    if (first === undefined) firstIndex.set(s.id, i);
    else {
      const where = at(stepPath(first, 'id'), '');
      out.push(at(stepPath(i, 'id'), `duplicate step id "${s.id}" (first at ${where.line}:${where.col})`));
    }
  });
  const inputs = new Map<string, number>();
  const started = new Set(rb.steps.flatMap((s) => (s.kind === 'timer' && s.action === 'start' ? [s.clock] : [])));

  rb.steps.forEach((s, i) => {
    s.requires?.forEach((r, k) => {
      if (r === s.id) out.push(at(stepPath(i, 'requires', k), `step "${s.id}" requires itself`));
      else if (!firstIndex.has(r)) out.push(at(stepPath(i, 'requires', k), `step "${s.id}" requires unknown step "${r}"`));
    });
    if (s.kind === 'decision') {
      const values = new Set<string>();
      s.answers.forEach((a, k) => {
        if (values.has(a.value)) out.push(at(stepPath(i, 'answers', k, 'value'), `duplicate answer "${a.value}" in step "${s.id}"`));
        values.add(a.value);
        if (a.goto !== undefined && a.repeatFrom !== undefined) {
          out.push(at(stepPath(i, 'answers', k), `answer "${a.value}" of step "${s.id}" has both goto and repeatFrom: choose one`));
        }
        a.goto?.forEach((t, m) => {
          if (!firstIndex.has(t)) out.push(at(stepPath(i, 'answers', k, 'goto', m), `answer "${a.value}" of step "${s.id}" goes to unknown step "${t}"`));
        });
        if (a.repeatFrom !== undefined && !firstIndex.has(a.repeatFrom)) {
          out.push(at(stepPath(i, 'answers', k, 'repeatFrom'), `answer "${a.value}" of step "${s.id}" repeats from unknown step "${a.repeatFrom}"`));
        }
      });
    }
    if (s.kind === 'input') {
      const first = inputs.get(s.name);
      if (first !== undefined) out.push(at(stepPath(i, 'name'), `duplicate input name "${s.name}" (first in step "${rb.steps[first]?.id ?? ''}")`));
      else inputs.set(s.name, i);
      if (s.type === 'choice' && s.options === undefined) out.push(at(stepPath(i, 'type'), `input "${s.name}" of type choice needs options`));
      if (s.type !== 'choice' && s.options !== undefined) out.push(at(stepPath(i, 'options'), `options are only for inputs of type choice, not ${s.type}`));
      // A personal answer is sealed (docs/security.md); written into the incident it would be in the clear.
      if (s.personal === true && s.writes !== undefined) {
        out.push(at(stepPath(i, 'writes'), `input "${s.name}" is personal and cannot write the incident's ${s.writes} (which everyone reads); remove writes, or personal`));
      }
      if (s.writes !== undefined && WRITABLE_FIELDS[s.writes] !== s.type) {
        out.push(at(stepPath(i, 'writes'), `input "${s.name}" writes ${s.writes}, which needs type ${WRITABLE_FIELDS[s.writes]}, not ${s.type}`));
      }
    }
    if (s.kind === 'timer' && s.action === 'stop') {
      if (!started.has(s.clock)) out.push(at(stepPath(i, 'clock'), `step "${s.id}" stops clock "${s.clock}", which no step starts`));
      for (const key of ['remindEvery', 'deadline'] as const) {
        if (s[key] !== undefined) out.push(at(stepPath(i, key), `${key} belongs on the step that starts clock "${s.clock}"`));
      }
    }
  });

  rb.steps.forEach((s, i) => {
    for (const name of Object.keys(s.when?.inputs ?? {})) {
      const index = inputs.get(name);
      const input = index === undefined ? undefined : rb.steps[index];
      if (input === undefined) out.push(at(stepPath(i, 'when', 'inputs', name), `when: refers to input "${name}", which no input step defines`));
      // Its value is sealed: a condition on it would need the key to decide, and would tell everyone what it was.
      else if (input.kind === 'input' && input.personal === true) {
        out.push(at(stepPath(i, 'when', 'inputs', name), `when: cannot read input "${name}", which is personal (its answer is sealed); branch with a decision step instead`));
      }
      else if (input.kind === 'input' && !COMPARABLE.has(input.type)) {
        out.push(at(stepPath(i, 'when', 'inputs', name), `when: cannot compare input "${name}" of type ${input.type} (only choice, boolean, number and text)`));
      }
    }
  });
  return out;
}

/** What each step waits for: its `requires`, the input steps its `when` reads, and the decisions that branch to it. */
function forwardEdges(rb: RunbookFile): Map<string, string[]> {
  const inputStep = new Map(rb.steps.flatMap((s) => (s.kind === 'input' ? [[s.name, s.id] as const] : [])));
  const next = new Map<string, string[]>(rb.steps.map((s) => [s.id, []]));
  const add = (from: string, to: string) => next.get(from)?.push(to);
  for (const s of rb.steps) {
    for (const r of s.requires ?? []) add(r, s.id);
    for (const name of Object.keys(s.when?.inputs ?? {})) {
      const from = inputStep.get(name);
      if (from !== undefined) add(from, s.id);
    }
    if (s.kind === 'decision') for (const a of s.answers) for (const t of a.goto ?? []) add(s.id, t);
  }
  return next;
}

/** Steps that wait on each other (through requires, when: inputs or goto) can never start. */
function checkCycles(rb: RunbookFile, at: ProblemAt): RunbookProblem[] {
  const next = forwardEdges(rb);
  const order = new Map(rb.steps.map((s, i) => [s.id, i]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const out: RunbookProblem[] = [];
  const reported = new Set<string>();

  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      const st = state.get(to);
      if (st === 'open') {
        const cycle = stack.slice(stack.indexOf(to));
        const key = [...cycle].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          // Reported at the cycle's first step in the file, so the position is stable.
          const first = cycle.reduce((a, b) => ((order.get(a) ?? 0) <= (order.get(b) ?? 0) ? a : b));
          const from = cycle.indexOf(first);
          const path = [...cycle.slice(from), ...cycle.slice(0, from), first].map((s) => `"${s}"`).join(' → ');
          out.push(at(stepPath(order.get(first) ?? 0, 'id'), `cycle without exit: ${path} wait on each other (to repeat steps, use repeatFrom in a decision's answer)`));
        }
      } else if (st === undefined) visit(to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const s of rb.steps) if (!state.has(s.id)) visit(s.id);
  return out;
}

/** A repeatFrom must go back to a step before the decision, and some answer must leave the loop. */
function checkRepeats(rb: RunbookFile, at: ProblemAt): RunbookProblem[] {
  const next = forwardEdges(rb);
  const out: RunbookProblem[] = [];
  rb.steps.forEach((s, i) => {
    if (s.kind !== 'decision') return;
    let repeats = 0;
    s.answers.forEach((a, k) => {
      if (a.repeatFrom === undefined) return;
      repeats++;
      if (a.repeatFrom !== s.id && !reaches(next, a.repeatFrom, s.id)) {
        out.push(at(stepPath(i, 'answers', k, 'repeatFrom'), `answer "${a.value}" of step "${s.id}" repeats from "${a.repeatFrom}", which does not come before it`));
      }
    });
    if (repeats === s.answers.length) {
      out.push(at(stepPath(i, 'answers'), `cycle without exit: every answer of decision "${s.id}" repeats an earlier step`));
    }
  });
  return out;
}

function reaches(next: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const todo = [from];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    if (id === to) return true;
    for (const n of next.get(id) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      todo.push(n);
    }
  }
  return false;
}

/**
 * A step is unreachable when no sequence of answers and inputs can ever start it:
 * - its `when: inputs` asks for a value the input can never have (not among a choice's options,
 *   or of another type than the input's);
 * - it is switched on only by answers of one decision, and every step it requires is switched
 *   on only by other answers of that same decision (a decision gives one answer per pass);
 * - it is switched on only by unreachable decisions, or every step it requires is unreachable.
 */
function checkReachable(rb: RunbookFile, at: ProblemAt): RunbookProblem[] {
  const gates = new Map<string, { decision: string; value: string }[]>();
  for (const s of rb.steps) {
    if (s.kind !== 'decision') continue;
    for (const a of s.answers) for (const t of a.goto ?? []) gates.set(t, [...(gates.get(t) ?? []), { decision: s.id, value: a.value }]);
  }
  const inputs = new Map(rb.steps.flatMap((s) => (s.kind === 'input' ? [[s.name, s] as const] : [])));
  const why = new Map<string, string>();

  for (const s of rb.steps) {
    for (const [name, wanted] of Object.entries(s.when?.inputs ?? {})) {
      const input = inputs.get(name);
      if (input === undefined) continue;
      const values = Array.isArray(wanted) ? wanted : [wanted];
      if (!values.some((v) => inputCanBe(input, v))) {
        const shown = values.map((v) => JSON.stringify(v)).join(' or ');
        const range = input.type === 'choice' ? `one of ${(input.options ?? []).join(', ')}` : `a ${input.type}`;
        why.set(s.id, `input "${name}" can never be ${shown} (it is ${range})`);
        break;
      }
    }
    const own = gates.get(s.id);
    if (why.has(s.id) || own === undefined || s.requires === undefined) continue;
    const conflicts = s.requires.every((r) => {
      const theirs = gates.get(r);
      return theirs !== undefined && own.every((g) => theirs.every((t) => t.decision === g.decision && t.value !== g.value));
    });
    if (conflicts) why.set(s.id, `it is switched on by other answers of the decision that the steps it requires need`);
  }

  const reachable = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of rb.steps) {
      if (reachable.has(s.id) || why.has(s.id)) continue;
      const own = gates.get(s.id);
      const switchedOn = own === undefined || own.some((g) => reachable.has(g.decision));
      const canStart = s.requires === undefined || s.requires.some((r) => reachable.has(r));
      if (switchedOn && canStart) {
        reachable.add(s.id);
        changed = true;
      }
    }
  }
  return rb.steps.flatMap((s, i) => {
    if (reachable.has(s.id)) return [];
    const own = gates.get(s.id);
    const reason = why.get(s.id)
      ?? (own !== undefined && !own.some((g) => reachable.has(g.decision)) ? 'only unreachable decisions branch to it' : 'every step it requires is unreachable');
    return [at(stepPath(i, 'id'), `unreachable step "${s.id}": ${reason}`)];
  });
}

function inputCanBe(input: Extract<RunbookStep, { kind: 'input' }>, value: string | number | boolean): boolean {
  switch (input.type) {
    case 'choice':
      return typeof value === 'string' && (input.options ?? []).includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'text':
      return typeof value === 'string';
    default:
      return false;
  }
}
