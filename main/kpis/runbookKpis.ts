import type { RunbookKpi } from '../../contract';
import { runStepTimes } from '../runbooks';
import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';
import { summarize } from './summarize';

interface Acc {
  title: string;
  runs: number;
  steps: Map<string, { title: string; picerl: string; seconds: number[] }>;
  phases: Map<string, { seconds: number[]; unfinished: number }>;
}

const FINISHED = new Set(['done', 'skipped', 'not-applicable', 'not-taken']);

/**
 * Runbook runs on the incidents in scope, per runbook: each step's working time (available to
 * done, summed over passes; steps skipped or not applicable have none), and each PICERL phase's
 * span in a run — from the first of its steps becoming available to the last one finished —
 * counted only in runs where every step of that phase finished.
 */
export function runbookKpis(db: Db, scope: KpiScope): RunbookKpi[] {
  const where = scopeWhere(scope);
  const runs = db
    .prepare(`SELECT r.id FROM runbook_runs r CROSS JOIN incidents i ON i.ref = r.incident_ref CROSS JOIN kpi_incidents k ON k.id = i.id
               WHERE ${where.sql} ORDER BY r.started_at, r.id`)
    .pluck()
    .all(...where.params) as string[];
  const byRunbook = new Map<string, Acc>();
  for (const id of runs) {
    const run = runStepTimes(db, id);
    let acc = byRunbook.get(run.runbookId);
    if (!acc) byRunbook.set(run.runbookId, (acc = { title: run.title, runs: 0, steps: new Map(), phases: new Map() }));
    acc.runs++;
    const spans = new Map<string, { first: number; last: number; open: boolean; any: boolean }>();
    for (const s of run.steps) {
      let step = acc.steps.get(s.id);
      if (!step) acc.steps.set(s.id, (step = { title: s.title, picerl: s.picerl, seconds: [] }));
      if (s.state === 'done') step.seconds.push(s.seconds);
      const span = spans.get(s.picerl) ?? { first: Infinity, last: -Infinity, open: false, any: false };
      spans.set(s.picerl, span);
      // Steps that never became available (not applicable, not taken) do not open or close a phase.
      if (s.availableAt !== null) {
        span.any = true;
        span.first = Math.min(span.first, Date.parse(s.availableAt));
      }
      if (!FINISHED.has(s.state)) span.open = true;
      else if (s.finishedAt !== null && s.availableAt !== null) span.last = Math.max(span.last, Date.parse(s.finishedAt));
    }
    for (const [picerl, span] of spans) {
      let phase = acc.phases.get(picerl);
      if (!phase) acc.phases.set(picerl, (phase = { seconds: [], unfinished: 0 }));
      if (!span.any) continue;
      if (span.open || span.last < span.first) phase.unfinished++;
      else phase.seconds.push((span.last - span.first) / 1000);
    }
  }
  return [...byRunbook].map(([runbookId, acc]) => ({
    runbookId, title: acc.title, runs: acc.runs,
    steps: [...acc.steps].map(([stepId, s]) => ({ stepId, title: s.title, picerl: s.picerl, stats: summarize(Float64Array.from(s.seconds)) })),
    phases: [...acc.phases].map(([picerl, p]) => ({ picerl, stats: summarize(Float64Array.from(p.seconds)), unfinished: p.unfinished })),
  })).sort((a, b) => b.runs - a.runs || a.runbookId.localeCompare(b.runbookId));
}
