/** The states of a run's steps as plain constants, without zod (see contract/incidentTerms.ts for why). */
export const STEP_STATES = ['pending', 'available', 'done', 'skipped', 'not-applicable', 'not-taken'] as const;
export type StepState = (typeof STEP_STATES)[number];
/** Done, skipped, not applicable and not taken are all finished: nothing more happens to the step in this pass. */
export const FINISHED_STATES: readonly StepState[] = ['done', 'skipped', 'not-applicable', 'not-taken'];

/**
 * The actor recorded for what the engine decides by itself (a step becoming available, not
 * applicable or not taken, a loop repeating, a run completing): never the person whose action it
 * followed from, who is named by the consequence's `cause` instead.
 */
export const SYSTEM_ACTOR = 'system';
