import type { BoardRow } from '../../contract';
import type { Db } from '../store';
import { assessIncident } from './assessIncident';
import type { RegimeLibrary } from './RegimeLibrary';

/**
 * Every open obligation across the incidents that are being assessed (a breach-facts record
 * exists), whatever their phase — closing an incident ends no legal deadline: each stage of each
 * regime that applies or may apply, not yet met by a sent notice and not decided not required,
 * soonest first, overdue ones first of all; stages without a computed time ("as soon as
 * feasible", waiting for a fact) after those with one.
 */
export function deadlineBoard(db: Db, library: RegimeLibrary, now: string): BoardRow[] {
  const incidents = db
    .prepare('SELECT i.ref, i.title, i.status FROM breach_facts f JOIN incidents i ON i.ref = f.incident_ref ORDER BY i.ref')
    .all() as { ref: string; title: string; status: string }[];
  const rows: BoardRow[] = [];
  for (const incident of incidents) {
    const assessment = assessIncident(db, library, incident.ref, now);
    for (const r of assessment.regimes) {
      if (!r.open) continue;
      for (const s of r.stages) {
        if (s.met !== null) continue;
        rows.push({
          ref: incident.ref, title: incident.title, incidentStatus: incident.status, regimeId: r.regime.id, regimeName: r.regime.name, audience: r.regime.audience,
          jurisdiction: r.regime.jurisdiction, outcome: r.outcome as BoardRow['outcome'], stageId: s.id, stageTitle: s.title, wording: s.wording, status: s.status,
          due: s.due, waitingFor: s.waitingFor, overdue: s.due !== null && Date.parse(s.due) <= Date.parse(now),
        });
      }
    }
  }
  const key = (r: BoardRow) => (r.due === null ? Number.POSITIVE_INFINITY : Date.parse(r.due));
  return rows.sort((a, b) => key(a) - key(b) || a.ref.localeCompare(b.ref) || a.regimeName.localeCompare(b.regimeName));
}
