import type { PhaseTime, RunCause, RunInputValue, RunView } from '../../contract';
import { blockedBy } from './deriveTransitions';
import { describeCause, describeTransition } from './describeTransition';
import type { RunGraph } from './RunGraph';
import { FINISHED, type RunState } from './RunState';
import { isConsequence, UNDOABLE_KINDS, USER_KINDS, type Transition } from './RunTransition';

/** What the runs table says about a run; the rest of the view comes from its transitions. */
export type RunRecord = Pick<RunView, 'id' | 'incidentRef' | 'runbookId' | 'title' | 'version' | 'contentHash' | 'source' | 'startedAt' | 'startedBy'>;

/** Opens a personal answer as stored (an envelope, main/pii), or says why it cannot be read here. */
export type AnswerOpener = (step: string, value: unknown) => { ok: true; value: RunInputValue } | { ok: false; why: 'erased' | 'locked' };

const sealedText = (why: 'erased' | 'locked'): string =>
  why === 'erased' ? 'personal data erased' : 'personal data withheld: the personal-data key is not open in this session';

/**
 * The run as the API shows it; `now` closes the phases still running for the time figures.
 * Answers to inputs marked personal are hidden from a caller without pii:read (`redacted`), and
 * otherwise opened by `open`: where they cannot be, `personalData` says why (erased, withheld).
 */
export function toRunView(
  run: RunRecord, graph: RunGraph, state: RunState, now: string, newerVersion: RunView['newerVersion'], seesPii: boolean, open: AnswerOpener,
): RunView {
  const personal = (id: string | null): boolean => {
    const def = id === null ? undefined : graph.byId.get(id);
    return def?.kind === 'input' && def.personal === true;
  };
  const hidden = (id: string | null): boolean => !seesPii && personal(id);
  const byN = new Map(state.transitions.map((t) => [t.n, t]));
  const causeOf = (n: number | null): RunCause | null => {
    const t = n === null ? undefined : byN.get(n);
    return t ? { n: t.n, eventSeq: t.eventSeq, by: t.by, text: describeCause(t) } : null;
  };
  const textOf = (t: Transition): string => {
    const step = 'step' in t ? t.step : null;
    if (t.t !== 'done' || !personal(t.step) || t.value === undefined) return describeTransition(t);
    if (hidden(step)) return `did "${t.step}" — personal data hidden`;
    const r = open(t.step, t.value);
    return r.ok ? describeTransition({ ...t, value: r.value }) : `did "${t.step}" — ${sealedText(r.why)}${t.note ? ` — note: ${t.note}` : ''}`;
  };
  const steps = graph.steps.map((def) => {
    const s = state.steps.get(def.id);
    if (!s) throw new Error(`run ${run.id} has no state for step ${def.id}`);
    const redacted = hidden(def.id) && s.value !== null;
    const opened = !redacted && personal(def.id) && s.value !== null ? open(def.id, s.value) : null;
    return {
      definition: def,
      state: s.state,
      pass: s.pass,
      blockedBy: s.state === 'pending' ? blockedBy(graph, state, def.id) : [],
      reason: s.reason,
      availableAt: s.availableAt,
      finishedAt: s.finishedAt,
      finishedBy: s.finishedBy,
      seconds: s.seconds,
      note: s.note,
      answer: s.answer,
      value: redacted || (opened !== null && !opened.ok) ? null : opened?.ok ? opened.value : s.value,
      redacted,
      ...(opened !== null && !opened.ok ? { personalData: opened.why === 'erased' ? 'erased' as const : 'withheld' as const } : {}),
      ticked: [...s.ticked].sort((a, b) => a - b),
      approvals: s.approvals,
      evidence: s.evidence,
      notes: s.notes,
      cause: causeOf(s.causeN),
    };
  });
  const firstAvailable = steps.find((s) => s.state === 'available');
  const lastDone = [...steps].reverse().find((s) => FINISHED.has(s.state) && s.state !== 'not-taken' && s.state !== 'not-applicable');
  const undoTarget = [...state.transitions].reverse().find((t) => UNDOABLE_KINDS.has(t.t) && !state.undone.has(t.n));
  return {
    ...run,
    completedAt: state.completedAt,
    currentPhase: (firstAvailable ?? (state.completedAt ? lastDone : undefined))?.definition.phase ?? null,
    steps,
    clocks: [...state.clocks.values()],
    phases: phaseTimes(graph, state, now),
    history: state.transitions
      .filter((t) => USER_KINDS.has(t.t) || t.t === 'start' || t.t === 'complete' || t.t === 'repeat' || t.t === 'not-applicable' || t.t === 'not-taken')
      .map((t) => ({
        n: t.n, eventSeq: t.eventSeq, at: t.at, by: t.by, kind: t.t, step: 'step' in t ? t.step : null, text: textOf(t),
        undone: state.undone.has(t.n), cause: isConsequence(t) ? causeOf(t.cause) : null,
      })),
    undoable: undoTarget ? { n: undoTarget.n, text: undoTarget.t === 'done' && personal(undoTarget.step) ? `did "${undoTarget.step}"` : describeTransition(undoTarget) } : null,
    newerVersion,
  };
}

/**
 * Time in each phase, for the KPIs: from the first moment one of its steps could be done to the
 * moment its last step finished (still running: up to now). Counted over every pass.
 */
function phaseTimes(graph: RunGraph, state: RunState, now: string): PhaseTime[] {
  const out: PhaseTime[] = [];
  for (const scheme of ['csf', 'picerl'] as const) {
    const names = [...new Set(graph.steps.map((s) => s.phase[scheme]))];
    for (const name of names) {
      const ids = new Set(graph.steps.filter((s) => s.phase[scheme] === name).map((s) => s.id));
      const starts = state.transitions.filter((t) => t.t === 'available' && ids.has(t.step) && !state.undone.has(t.n)).map((t) => t.at);
      if (starts.length === 0) continue;
      const startedAt = starts.reduce((a, b) => (a < b ? a : b));
      const finished = [...ids].map((id) => state.steps.get(id)).every((s) => s !== undefined && FINISHED.has(s.state));
      const ends = [...ids].map((id) => state.steps.get(id)?.finishedAt).filter((t): t is string => typeof t === 'string');
      const endedAt = finished && ends.length > 0 ? ends.reduce((a, b) => (a > b ? a : b)) : null;
      out.push({ scheme, name, startedAt, endedAt, seconds: Math.max(0, (Date.parse(endedAt ?? now) - Date.parse(startedAt)) / 1000) });
    }
  }
  return out;
}
