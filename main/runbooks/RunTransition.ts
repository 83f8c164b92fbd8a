import { SYSTEM_ACTOR, type RunInputValue } from '../../contract';

export { SYSTEM_ACTOR };

/** What a person did. `n` is the transition's number in its run; `pass` the step's pass. */
export type UserTransition =
  | { t: 'done'; step: string; pass: number; note?: string; answer?: string; value?: RunInputValue; items?: number[]; evidence?: string[]; wrote?: { field: string; before: unknown; after: unknown } }
  | { t: 'skip'; step: string; pass: number; reason: string }
  | { t: 'tick'; step: string; pass: number; item: number; checked: boolean }
  | { t: 'approve'; step: string; pass: number; role: string; note?: string }
  | { t: 'note'; step: string; text: string }
  | { t: 'undo'; target: number; reason: string };

/**
 * What followed from it, decided once by the engine and recorded (so a replay never re-evaluates
 * a condition against an incident that has changed since). `cause` is the user transition's n;
 * undoing that transition drops these with it.
 */
export type AutoTransition =
  | { t: 'start' }
  | { t: 'available'; step: string; pass: number }
  | { t: 'not-applicable'; step: string; pass: number; reason: string }
  | { t: 'not-taken'; step: string; pass: number; reason: string }
  | { t: 'repeat'; decision: string; from: string; steps: string[] }
  | { t: 'complete' };

export type TransitionBody = UserTransition | AutoTransition;

export type Transition = TransitionBody & {
  n: number;
  at: string;
  /**
   * The person for what a person did (`start` included); SYSTEM_ACTOR for everything that follows
   * from it, the person being named through `cause` (see `isConsequence`).
   */
  by: string;
  /** Set on automatic transitions other than `start`: the n of the transition they followed from. */
  cause?: number;
  /** The event recording it (0 until written). */
  eventSeq: number;
};

export const USER_KINDS: ReadonlySet<string> = new Set(['done', 'skip', 'tick', 'approve', 'note', 'undo']);
/** Transitions `undo` can revert: the ones that change a step's state. Notes stay; undo is not undone. */
export const UNDOABLE_KINDS: ReadonlySet<string> = new Set(['done', 'skip', 'tick', 'approve']);

/**
 * A consequence recorded as the system's, linked to its cause. Runs recorded before consequences
 * were attributed to `system` carry the person's name on them (and a `cause` too): those rows are
 * replayed as they are and shown as they were recorded, never rewritten, so this is false for them.
 */
export function isConsequence(tr: Transition): tr is Transition & { cause: number } {
  return tr.cause !== undefined && tr.by === SYSTEM_ACTOR;
}
