import type { IncidentPhase } from '../../contract';
import { formatDateTime } from './formatDateTime';

export interface PhaseText {
  /** The state in words, or null when the time says it all (reached). */
  state: string | null;
  /** The phase's current time, formatted. */
  time: string | null;
  /** A time that is no longer current (set aside by a move back), formatted; shown struck through. */
  supersededTime: string | null;
  /** The whole story for a tooltip and screen readers. */
  long: string;
}

/**
 * How a phase reads on the incident page, so a skipped phase never looks done and a superseded
 * time never looks current (contract/phases.ts).
 */
export function describePhase(p: IncidentPhase): PhaseText {
  const earlier = p.superseded.map((s) => `${formatDateTime(s.at)} (set aside ${formatDateTime(s.supersededAt)} by ${s.supersededBy}: ${s.reason})`);
  const history = earlier.length ? ` Superseded earlier: ${earlier.join('; ')}.` : '';
  const last = p.superseded.at(-1);
  switch (p.state) {
    case 'reached':
      return { state: null, time: p.at ? formatDateTime(p.at) : null, supersededTime: null, long: `Reached ${p.at ? formatDateTime(p.at) : ''}.${history}` };
    case 'skipped':
      return { state: 'Skipped · no time', time: null, supersededTime: null, long: `Skipped: passed without a time, not done.${history}` };
    case 'superseded':
      return {
        state: 'Superseded',
        time: null,
        supersededTime: last ? formatDateTime(last.at) : null,
        long: `Not reached. Its time ${last ? formatDateTime(last.at) : ''} was set aside by a move back and is not current.${history}`,
      };
    case 'not-reached':
      return p.at
        ? { state: 'Not reached', time: formatDateTime(p.at), supersededTime: null, long: `Not reached yet; time recorded ahead: ${formatDateTime(p.at)}.${history}` }
        : { state: null, time: null, supersededTime: null, long: `Not reached yet.${history}` };
  }
}
