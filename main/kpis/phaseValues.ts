import { KPI_PHASES } from '../../contract';
import * as V from './valueStatus';
import type { IncidentColumns } from './loadIncidents';

/**
 * Time in each phase per incident, from the totals kpi_incidents keeps from the
 * `incident.status_changed` events (migration 0210): the first phase starts when the incident was
 * recorded, each move ends a stay in `from` and starts one in `to`, and the stays in a phase add
 * up. An incident still in a phase has no total for it yet (missing); a phase it never entered is
 * not about it; a move recorded before the stay it ends began (a clock set back) spoils that
 * phase's total (out of order, listed under data problems).
 */
export function phaseValues(inc: IncidentColumns): { values: Float64Array[]; status: Uint8Array[]; spoiled: number[]; spoiledTotal: number } {
  // Local copies: a module's exports read through getters under tsx, which a hot loop should not pay for.
  const { COUNTED, MISSING, OUT_OF_ORDER, NOT_IN_SCOPE } = V;
  const values: Float64Array[] = [];
  const status: Uint8Array[] = [];
  for (let p = 0; p < KPI_PHASES.length; p++) {
    const v = new Float64Array(inc.count);
    const st = new Uint8Array(inc.count);
    const bit = 1 << p;
    const ms = inc.inPhase[p]!;
    for (let i = 0; i < inc.count; i++) {
      if ((inc.entered[i]! & bit) === 0) st[i] = NOT_IN_SCOPE;
      else if ((inc.spoiled[i]! & bit) !== 0) st[i] = OUT_OF_ORDER;
      else if (inc.phase[i] === p) st[i] = MISSING;
      else {
        st[i] = COUNTED;
        v[i] = ms[i]!;
      }
    }
    values.push(v);
    status.push(st);
  }
  const spoiled: number[] = [];
  let spoiledTotal = 0;
  for (let i = 0; i < inc.count; i++) {
    if (inc.spoiled[i] === 0) continue;
    spoiledTotal++;
    if (spoiled.length < 200) spoiled.push(i);
  }
  return { values, status, spoiled, spoiledTotal };
}
