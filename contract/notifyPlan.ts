import './zodConfig';
/** The organisation's notification plan: what its notices need before they go out (settings.notifyPlan.*). */
import { z } from 'zod';

export const notifyPlanSchema = z.strictObject({
  /** Every new notice needs approval by two different people, neither of them its last editor. */
  twoApprovers: z.boolean(),
});
export type NotifyPlan = z.output<typeof notifyPlanSchema>;
export const DEFAULT_NOTIFY_PLAN: NotifyPlan = { twoApprovers: false };
