import { PHASE_TIME_FIELD, STATUSES, type Incident, type IncidentPhase, type IncidentStatus, type SupersededTime } from '../../contract';

export type SupersededRow = SupersededTime & { phase: IncidentStatus };

/**
 * Each phase's state, from the incident's status and current times and the times moves back set
 * aside (contract/phases.ts). A phase at or before the status without a time is skipped: the only
 * ways there are a move over it with `skipPhases`, a move back into such a phase, or data from
 * before the rule (when a jump ticked phases without a time — which is what they were).
 */
export function phasesOf(incident: Omit<Incident, 'phases'>, superseded: readonly SupersededRow[]): IncidentPhase[] {
  const current = STATUSES.indexOf(incident.status);
  return STATUSES.map((phase, i): IncidentPhase => {
    const at = incident[PHASE_TIME_FIELD[phase]];
    const history = superseded.filter((s) => s.phase === phase).map(({ phase: _phase, ...rest }) => rest);
    const state = i <= current ? (at !== null ? 'reached' : 'skipped') : at === null && history.length > 0 ? 'superseded' : 'not-reached';
    return { phase, state, at, superseded: history };
  });
}
