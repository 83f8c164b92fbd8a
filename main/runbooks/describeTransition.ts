import type { Transition } from './RunTransition';

const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** One line for the run's history and the CLI: who did what is shown next to it. */
export function describeTransition(tr: Transition): string {
  switch (tr.t) {
    case 'start':
      return 'started the run';
    case 'available':
      return `"${tr.step}" can be done now`;
    case 'not-applicable':
      return `"${tr.step}" does not apply: ${tr.reason}`;
    case 'not-taken':
      return `"${tr.step}" not taken: ${tr.reason}`;
    case 'repeat':
      return `decision "${tr.decision}" repeats from "${tr.from}" (${tr.steps.length} steps again)`;
    case 'complete':
      return 'every step is finished: the run is complete';
    case 'done': {
      const detail = tr.answer !== undefined ? ` — answer "${tr.answer}"` : tr.value !== undefined ? ` — ${shown(tr.value)}` : tr.evidence ? ` — ${tr.evidence.length} evidence file(s)` : '';
      return `did "${tr.step}"${detail}${tr.note ? ` — note: ${tr.note}` : ''}`;
    }
    case 'skip':
      return `skipped "${tr.step}" — reason: ${tr.reason}`;
    case 'tick':
      return `${tr.checked ? 'ticked' : 'unticked'} item ${tr.item + 1} of "${tr.step}"`;
    case 'approve':
      return `approved "${tr.step}" as ${tr.role}${tr.note ? ` — note: ${tr.note}` : ''}`;
    case 'note':
      return `note on "${tr.step}": ${tr.text}`;
    case 'undo':
      return `undid transition ${tr.target} — reason: ${tr.reason}`;
  }
}

/**
 * What a person did, in a few words and without the value given (which may be personal data): how
 * a consequence names its cause ("by system, after alice did "triage"").
 */
export function describeCause(tr: Transition): string {
  switch (tr.t) {
    case 'start':
      return 'started the run';
    case 'done':
      return `did "${tr.step}"`;
    case 'skip':
      return `skipped "${tr.step}"`;
    case 'tick':
      return `${tr.checked ? 'ticked' : 'unticked'} item ${tr.item + 1} of "${tr.step}"`;
    case 'approve':
      return `approved "${tr.step}"`;
    case 'note':
      return `wrote a note on "${tr.step}"`;
    case 'undo':
      return `undid transition ${tr.target}`;
    default:
      // Consequences are caused by people's transitions only; named anyway rather than thrown.
      return describeTransition(tr);
  }
}

/** The event type recording each kind of transition. */
export const EVENT_TYPE: Record<Transition['t'], string> = {
  start: 'runbook.started',
  available: 'runbook.step_available',
  'not-applicable': 'runbook.step_not_applicable',
  'not-taken': 'runbook.step_not_taken',
  repeat: 'runbook.steps_repeated',
  complete: 'runbook.completed',
  done: 'runbook.step_done',
  skip: 'runbook.step_skipped',
  tick: 'runbook.item_ticked',
  approve: 'runbook.step_approved',
  note: 'runbook.step_note',
  undo: 'runbook.step_undone',
};
