import type { BoardRow, BreachFacts } from '../../contract';
import type { Db } from '../store';
import { assessRegimes } from './assessRegimes';
import { getBreachFacts } from './breachFactsStore';
import type { RegimeLibrary } from './RegimeLibrary';

/**
 * Every open obligation across the incidents that are being assessed (a breach-facts record
 * exists) and not closed: each stage of each regime that applies or may apply, soonest first,
 * overdue ones first of all; stages without a computed time ("as soon as feasible", waiting for
 * a fact) after those with one.
 */
export function deadlineBoard(db: Db, library: RegimeLibrary, now: string): BoardRow[] {
  const incidents = db
    .prepare(`SELECT i.ref, i.title FROM breach_facts f JOIN incidents i ON i.ref = f.incident_ref WHERE i.status <> 'closed' ORDER BY i.ref`)
    .all() as { ref: string; title: string }[];
  const rows: BoardRow[] = [];
  for (const incident of incidents) {
    const facts: BreachFacts = getBreachFacts(db, incident.ref).facts;
    const assessment = assessRegimes(library, facts, now);
    for (const r of assessment.regimes) {
      if (r.outcome !== 'notify' && r.outcome !== 'undetermined') continue;
      for (const s of r.stages) {
        rows.push({
          ref: incident.ref, title: incident.title, regimeId: r.regime.id, regimeName: r.regime.name, audience: r.regime.audience,
          jurisdiction: r.regime.jurisdiction, outcome: r.outcome, stageId: s.id, stageTitle: s.title, wording: s.wording, status: s.status,
          due: s.due, waitingFor: s.waitingFor, overdue: s.due !== null && Date.parse(s.due) <= Date.parse(now),
        });
      }
    }
  }
  const key = (r: BoardRow) => (r.due === null ? Number.POSITIVE_INFINITY : Date.parse(r.due));
  return rows.sort((a, b) => key(a) - key(b) || a.ref.localeCompare(b.ref) || a.regimeName.localeCompare(b.regimeName));
}
