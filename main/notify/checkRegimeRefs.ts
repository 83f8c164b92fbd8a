import type { Regime } from '../../contract';
import type { DataFileProblem } from './loadRegime';

type At = (path: readonly PropertyKey[], message: string) => DataFileProblem;

/**
 * What the schema cannot say: every `source` names an entry of `sources`, ids are unique, a stage
 * clock starting from another stage names an earlier one, content names an existing stage, and a
 * regime counting business days says which holiday calendar.
 */
export function checkRegimeRefs(r: Regime, at: At): DataFileProblem[] {
  const problems: DataFileProblem[] = [];
  const sources = new Set<string>();
  r.sources.forEach((s, i) => {
    if (sources.has(s.id)) problems.push(at(['sources', i, 'id'], `source id "${s.id}" is used twice`));
    sources.add(s.id);
  });
  const cite = (path: (string | number)[], id: string) => {
    if (!sources.has(id)) problems.push(at(path, `source "${id}" is not in sources (known: ${[...sources].join(', ')})`));
  };
  cite(['trigger', 'source'], r.trigger.source);
  cite(['applies', 'source'], r.applies.source);
  for (const list of ['thresholds', 'exemptions', 'contents', 'notes'] as const) {
    const ids = new Set<string>();
    r[list].forEach((item, i) => {
      cite([list, i, 'source'], item.source);
      const id = 'id' in item ? String(item.id) : null;
      if (id !== null) {
        if (ids.has(id)) problems.push(at([list, i, 'id'], `${list} id "${id}" is used twice`));
        ids.add(id);
      }
    });
  }
  r.conflicts.forEach((c, i) => c.sources.forEach((s, j) => cite(['conflicts', i, 'sources', j], s)));
  const stages: string[] = [];
  let businessDays = false;
  r.stages.forEach((s, i) => {
    if (stages.includes(s.id)) problems.push(at(['stages', i, 'id'], `stage id "${s.id}" is used twice`));
    cite(['stages', i, 'deadline', 'source'], s.deadline.source);
    for (const [from, path] of [[s.deadline.from, ['stages', i, 'deadline', 'from']], [s.deadline.noLaterThan?.from, ['stages', i, 'deadline', 'noLaterThan', 'from']]] as const) {
      if (from && 'stage' in from && !stages.includes(from.stage)) problems.push(at(path, `the clock starts from stage "${from.stage}", which is not an earlier stage`));
    }
    if (s.deadline.unit === 'businessDays' || s.deadline.noLaterThan?.unit === 'businessDays') businessDays = true;
    stages.push(s.id);
  });
  r.contents.forEach((c, i) => {
    if (c.stage !== undefined && !stages.includes(c.stage)) problems.push(at(['contents', i, 'stage'], `no stage "${c.stage}" (stages: ${stages.join(', ')})`));
  });
  if (businessDays && r.jurisdiction.holidays === undefined) problems.push(at(['jurisdiction'], 'a stage counts business days: name the holiday calendar (jurisdiction.holidays)'));
  if (!isTimeZone(r.jurisdiction.timeZone)) problems.push(at(['jurisdiction', 'timeZone'], `"${r.jurisdiction.timeZone}" is not an IANA time zone`));
  return problems;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
