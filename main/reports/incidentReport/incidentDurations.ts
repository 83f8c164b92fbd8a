import type { IncidentPhase, IncidentStatus } from '../../../contract';

export interface IncidentDuration {
  name: string;
  from: string;
  to: string;
  /** Milliseconds when both times are known and in order. */
  ms: number | null;
  /** `ok`; `unknown` (a time is missing: not reached, skipped or superseded); `data-problem` (the end is before the start). */
  state: 'ok' | 'unknown' | 'data-problem';
  /** Why it is unknown or a data problem, in words. */
  note: string | null;
}

interface Span {
  name: string;
  from: 'started' | IncidentStatus;
  to: IncidentStatus;
}

/**
 * This incident's own durations, measured between its own phase times (never from when records
 * were created, which for a back-dated incident gives nonsense — TheHive #1790). The definitions
 * are the KPIs' (issue 12 §4; docs/kpis.md): detect = started → detected, triage = detected →
 * triaged, contain = detected → contained, recover = detected → recovered, close = detected → closed.
 */
const SPANS: Span[] = [
  { name: 'Time to detect', from: 'started', to: 'detected' },
  { name: 'Time to triage', from: 'detected', to: 'triaged' },
  { name: 'Time to contain', from: 'detected', to: 'contained' },
  { name: 'Time to recover', from: 'detected', to: 'recovered' },
  { name: 'Time to close', from: 'detected', to: 'closed' },
];

const LABEL: Record<string, string> = {
  started: 'started', detected: 'detected', triaged: 'triaged', contained: 'contained', eradicated: 'eradicated', recovered: 'recovered', closed: 'closed',
};

/**
 * Each duration with both of its times known and in order; otherwise "unknown" with the missing
 * time named, or "data problem" with the pair named — never a negative duration. A phase time
 * counts only while the phase is reached (a skipped phase has none; a superseded one is not current).
 */
export function incidentDurations(phases: readonly IncidentPhase[], startedAt: string | null): IncidentDuration[] {
  const timeOf = (p: 'started' | IncidentStatus): { at: string | null; why: string } => {
    if (p === 'started') return { at: startedAt, why: 'the start of the compromise is not known' };
    const phase = phases.find((x) => x.phase === p);
    if (!phase) return { at: null, why: `no ${p} phase` };
    if (phase.state === 'reached') return { at: phase.at, why: '' };
    if (phase.state === 'skipped') return { at: null, why: `${p} was skipped without a time` };
    if (phase.state === 'superseded') return { at: null, why: `the ${p} time was set aside by a move back` };
    return { at: null, why: `not ${p} yet` };
  };
  return SPANS.map((s) => {
    const a = timeOf(s.from);
    const b = timeOf(s.to);
    const base = { name: s.name, from: LABEL[s.from] ?? s.from, to: LABEL[s.to] ?? s.to };
    if (a.at === null || b.at === null) return { ...base, ms: null, state: 'unknown', note: a.at === null ? a.why : b.why };
    const ms = Date.parse(b.at) - Date.parse(a.at);
    if (!Number.isFinite(ms)) return { ...base, ms: null, state: 'unknown', note: 'a time cannot be read' };
    if (ms < 0) return { ...base, ms: null, state: 'data-problem', note: `${base.to} (${b.at}) is before ${base.from} (${a.at})` };
    return { ...base, ms, state: 'ok', note: null };
  });
}
