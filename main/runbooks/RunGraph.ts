import type { RunbookFile, RunbookStep } from './runbookSchema';

/** The step graph of one runbook, computed once per pinned definition and shared by every run of it. */
export interface RunGraph {
  steps: readonly RunbookStep[];
  byId: ReadonlyMap<string, RunbookStep>;
  /** What a step waits for: its `requires` and the input steps its `when: inputs` reads. */
  deps: ReadonlyMap<string, readonly string[]>;
  /** For a branch step, the decision answers that switch it on. */
  gates: ReadonlyMap<string, readonly { decision: string; value: string }[]>;
  /** Steps that wait on a step (requires, when: inputs, goto): the forward edges. */
  next: ReadonlyMap<string, readonly string[]>;
  /** Input step id by input name. */
  inputStep: ReadonlyMap<string, string>;
}

export function buildRunGraph(rb: RunbookFile): RunGraph {
  const inputStep = new Map(rb.steps.flatMap((s) => (s.kind === 'input' ? [[s.name, s.id] as const] : [])));
  const deps = new Map<string, string[]>();
  const gates = new Map<string, { decision: string; value: string }[]>();
  const next = new Map<string, string[]>(rb.steps.map((s) => [s.id, []]));
  for (const s of rb.steps) {
    const own = [...(s.requires ?? [])];
    for (const name of Object.keys(s.when?.inputs ?? {})) {
      const from = inputStep.get(name);
      if (from !== undefined && !own.includes(from)) own.push(from);
    }
    deps.set(s.id, own);
    for (const d of own) next.get(d)?.push(s.id);
    if (s.kind === 'decision') {
      for (const a of s.answers) {
        for (const t of a.goto ?? []) {
          gates.set(t, [...(gates.get(t) ?? []), { decision: s.id, value: a.value }]);
          next.get(s.id)?.push(t);
        }
      }
    }
  }
  return { steps: rb.steps, byId: new Map(rb.steps.map((s) => [s.id, s])), deps, gates, next, inputStep };
}

/** Every step reachable from `from` along forward edges, `from` included. */
export function reachableFrom(graph: RunGraph, from: readonly string[]): Set<string> {
  const seen = new Set(from);
  const todo = [...from];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    for (const n of graph.next.get(id) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return seen;
}

/** Steps on some path from `from` to `to` (both included): what a loop repeats. */
export function stepsBetween(graph: RunGraph, from: string, to: string): Set<string> {
  const forward = reachableFrom(graph, [from]);
  const back = new Map<string, string[]>();
  for (const [a, bs] of graph.next) for (const b of bs) back.set(b, [...(back.get(b) ?? []), a]);
  const backward = new Set([to]);
  const todo = [to];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    for (const p of back.get(id) ?? []) {
      if (!backward.has(p)) {
        backward.add(p);
        todo.push(p);
      }
    }
  }
  return new Set([from, to, ...[...forward].filter((id) => backward.has(id))]);
}
