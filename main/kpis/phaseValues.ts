import { KPI_PHASES, type KpiPhase } from '../../contract';
import type { Db } from '../store';
import { COUNTED, MISSING, NOT_IN_SCOPE, OUT_OF_ORDER } from './groupStats';
import { scopeWhere, type KpiScope } from './KpiScope';
import type { IncidentColumns } from './loadIncidents';

export interface StatusOrderProblem {
  position: number;
  phase: string;
  enteredMs: number;
  leftMs: number;
}

const PHASE_INDEX = new Map<unknown, number>(KPI_PHASES.map((p, i) => [p, i]));

/**
 * Time in each phase per incident, from its status changes (kpi_phase_moves, filled from the
 * `incident.status_changed` events): the first phase starts when the incident was recorded, each
 * move ends a stay in `from` and starts one in `to`, and the stays in a phase add up. An incident
 * still in a phase has no total for it yet (missing); a phase it never entered is not about it; a
 * move recorded before the stay it ends began (a clock set back) spoils that phase's total
 * (out of order, listed under data problems).
 */
export function phaseValues(db: Db, scope: KpiScope, inc: IncidentColumns, limit: number): {
  values: Float64Array[]; status: Uint8Array[]; problems: StatusOrderProblem[]; problemTotal: number;
} {
  const k = KPI_PHASES.length;
  const totals = Array.from({ length: k }, () => new Float64Array(inc.count));
  const status = Array.from({ length: k }, () => new Uint8Array(inc.count).fill(NOT_IN_SCOPE));
  const problems: StatusOrderProblem[] = [];
  let problemTotal = 0;
  const where = scopeWhere(scope);
  const moves = db
    .prepare(`SELECT i.id, m.at_ms, m.from_status, m.to_status FROM incidents i JOIN kpi_phase_moves m ON m.incident_ref = i.ref
               WHERE ${where.sql} ORDER BY i.detected_at, i.id, m.seq`)
    .raw(true)
    .iterate(...where.params) as IterableIterator<[number, number | null, string | null, string | null]>;
  let pos = -1;
  let phase = -1;
  let entered = NaN;
  const spoiled = new Uint8Array(k);
  const finish = () => {
    if (pos < 0 || pos >= inc.count) return;
    for (let p = 0; p < k; p++) {
      if (status[p]![pos] === NOT_IN_SCOPE) continue;
      status[p]![pos] = spoiled[p] ? OUT_OF_ORDER : p === phase ? MISSING : COUNTED;
      if (status[p]![pos] === COUNTED) totals[p]![pos] = totals[p]![pos]! / 1000;
    }
  };
  const start = () => {
    spoiled.fill(0);
    phase = 0;
    entered = inc.created[pos]!;
    status[0]![pos] = COUNTED;
  };
  // Incidents without any move are in their first phase still.
  for (let i = 0; i < inc.count; i++) status[0]![i] = MISSING;
  for (const [id, at, from, to] of moves) {
    if (pos < 0 || inc.ids[pos] !== id) {
      finish();
      while (++pos < inc.count && inc.ids[pos] !== id);
      if (pos >= inc.count) break;
      start();
    }
    const f = PHASE_INDEX.get(from);
    const t = PHASE_INDEX.get(to);
    const when = at ?? NaN;
    if (f !== undefined) {
      if (!(when >= entered)) {
        spoiled[f] = 1;
        problemTotal++;
        if (problems.length < limit) problems.push({ position: pos, phase: KPI_PHASES[f] as KpiPhase, enteredMs: entered, leftMs: when });
      } else {
        totals[f]![pos]! += when - entered;
      }
    }
    phase = t ?? -1;
    entered = when;
    if (t !== undefined) status[t]![pos] = COUNTED;
  }
  finish();
  return { values: totals, status, problems, problemTotal };
}
