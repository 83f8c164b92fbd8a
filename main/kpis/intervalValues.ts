import { KPI_INTERVALS, TIME_POINTS } from '../../contract';
import * as V from './valueStatus';
import type { IncidentColumns } from './loadIncidents';

/**
 * One interval metric's value per incident (whole ms) and what it found: counted, a timestamp
 * unknown, or the two in impossible order (kept by an override) — never a negative duration.
 */
export function intervalValues(inc: IncidentColumns, metric: (typeof KPI_INTERVALS)[number]): { values: Float64Array; status: Uint8Array } {
  // Local copies: a module's exports read through getters under tsx, which a hot loop should not pay for.
  const { COUNTED, MISSING, OUT_OF_ORDER } = V;
  const a = inc.times[TIME_POINTS.indexOf(metric.from)]!;
  const b = inc.times[TIME_POINTS.indexOf(metric.to)]!;
  const values = new Float64Array(inc.count);
  const status = new Uint8Array(inc.count);
  for (let i = 0; i < inc.count; i++) {
    const from = a[i]!;
    const to = b[i]!;
    if (Number.isNaN(from) || Number.isNaN(to)) status[i] = MISSING;
    else if (to < from) status[i] = OUT_OF_ORDER;
    else {
      status[i] = COUNTED;
      values[i] = to - from;
    }
  }
  return { values, status };
}

/** Positions (in `inc`) of incidents with any pair of known times in impossible order, and how many there are. */
export function timeOrderProblems(inc: IncidentColumns, limit: number): { positions: number[]; total: number } {
  const positions: number[] = [];
  let total = 0;
  for (let i = 0; i < inc.count; i++) {
    let bad = false;
    // The latest known time so far: a later point before it is out of order (as timeOrderConflicts, every pair).
    let latest = -Infinity;
    for (let t = 0; t < TIME_POINTS.length && !bad; t++) {
      const v = inc.times[t]![i]!;
      if (Number.isNaN(v)) continue;
      if (v < latest) bad = true;
      else latest = v;
    }
    if (!bad) continue;
    total++;
    if (positions.length < limit) positions.push(i);
  }
  return { positions, total };
}
