import { reviewStoredJurisdictions, type Assessment, type BreachFacts, type RegimeAssessment } from '../../contract';
import { assessRegime, type AssessOptions } from './assessRegime';
import type { RegimeLibrary } from './RegimeLibrary';

const RANK: Record<RegimeAssessment['outcome'], number> = { notify: 0, undetermined: 0, exempt: 1, 'not-required': 2, 'out-of-scope': 3 };

/** Every regime of the library against the facts, the ones to act on first (earliest deadline first). */
export function assessRegimes(library: RegimeLibrary, facts: BreachFacts, at: string, submitted?: AssessOptions['submitted']): Assessment {
  const regimes = library.regimes.map((r) => assessRegime(r, facts, { holidays: library.holidays, ...(submitted ? { submitted } : {}) }));
  const firstDue = (a: RegimeAssessment) => a.stages.map((s) => s.due).filter((d): d is string => d !== null).sort()[0] ?? '9999';
  regimes.sort((a, b) => RANK[a.outcome] - RANK[b.outcome] || firstDue(a).localeCompare(firstDue(b)) || a.regime.name.localeCompare(b.regime.name));
  const missing = new Map<Assessment['missing'][number]['fact'], string[]>();
  for (const r of regimes) for (const m of r.missing) missing.set(m, [...(missing.get(m) ?? []), r.regime.id]);
  return { at, facts, regimes, missing: [...missing].map(([fact, ids]) => ({ fact, regimes: ids })), jurisdictionNotes: reviewStoredJurisdictions(facts) };
}
