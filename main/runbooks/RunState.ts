import type { RunClock, RunInputValue, StepState } from '../../contract';
import type { Transition } from './RunTransition';

export interface StepRun {
  state: StepState;
  pass: number;
  availableAt: string | null;
  finishedAt: string | null;
  finishedBy: string | null;
  reason: string | null;
  note: string | null;
  answer: string | null;
  value: RunInputValue | null;
  ticked: Set<number>;
  approvals: { by: string; at: string; note: string | null }[];
  evidence: string[];
  notes: { by: string; at: string; text: string }[];
  /** Time in step over finished passes, in seconds. */
  seconds: number;
  /**
   * When the engine put the step in its current state (available, not applicable, not taken, or
   * pending again after a loop) as a consequence recorded by the system: the n of the person's
   * transition it followed from. Null when a person put it there, and on rows recorded before.
   */
  causeN: number | null;
}

/** Everything a run's transitions add up to. Built only by `foldRun`/`applyTransition`. */
export interface RunState {
  steps: Map<string, StepRun>;
  clocks: Map<string, RunClock>;
  /** Input values given, by input name (the latest pass). */
  inputs: Map<string, RunInputValue>;
  completedAt: string | null;
  /** Every transition, undone ones included, in order. */
  transitions: Transition[];
  /** Numbers of the transitions that no longer count (undone, and what followed from them). */
  undone: Set<number>;
}

export const FINISHED: ReadonlySet<StepState> = new Set(['done', 'skipped', 'not-applicable', 'not-taken']);

export function newStepRun(): StepRun {
  return {
    state: 'pending', pass: 1, availableAt: null, finishedAt: null, finishedBy: null, reason: null, note: null,
    answer: null, value: null, ticked: new Set(), approvals: [], evidence: [], notes: [], seconds: 0, causeN: null,
  };
}
