import type { RunAction, RunStepView } from '../../../contract';

/** Sends one action for a step; resolves true when the run moved on (a refusal is shown on the step). */
export type SendAction = (action: RunAction) => Promise<boolean>;

/** What every kind's control gets: the step, whether an action is in flight, and the way to act. */
export interface StepControlProps {
  step: RunStepView;
  busy: boolean;
  send: SendAction;
}
