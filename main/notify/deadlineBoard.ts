import type { BoardRow } from '../../contract';
import type { Db } from '../store';
import { assessedIncidents, obligationsOf } from './openObligations';
import type { RegimeLibrary } from './RegimeLibrary';

/**
 * Every open obligation across the incidents that are being assessed (a breach-facts record
 * exists), whatever their phase — closing an incident ends no legal deadline (openObligations says
 * which are open), soonest first, overdue ones first of all; stages without a computed time ("as
 * soon as feasible", waiting for a fact) after those with one. Each incident is assessed again
 * only when something its obligations depend on changed.
 */
export function deadlineBoard(db: Db, library: RegimeLibrary, now: string): BoardRow[] {
  const rows: BoardRow[] = [];
  for (const key of assessedIncidents(db)) for (const row of obligationsOf(db, library, key, now)) rows.push(row);
  const due = (r: BoardRow) => (r.due === null ? Number.POSITIVE_INFINITY : Date.parse(r.due));
  return rows.sort((a, b) => due(a) - due(b) || a.ref.localeCompare(b.ref) || a.regimeName.localeCompare(b.regimeName));
}
