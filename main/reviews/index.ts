/**
 * Post-incident reviews (issue 12 §2): the versioned review and its sign-off, key events (stars
 * folded from the log) and action items with their alarms. Other code reads this domain only here.
 */
export { getReview } from './getReview';
export { saveReview, type SaveReviewInput } from './saveReview';
export { signOffReview } from './signOffReview';
export { reviewHistory } from './reviewHistory';
export { starEvent } from './starEvent';
export { keyEventSeqs } from './keyEventSeqs';
export { listKeyEvents } from './listKeyEvents';
export { addActionItem, type AddActionInput } from './addActionItem';
export { updateActionItem, type UpdateActionInput } from './updateActionItem';
export { closeActionItem } from './closeActionItem';
export { reopenActionItem } from './reopenActionItem';
export { getActionItem } from './getActionItem';
export { listActionItems, type ActionFilter } from './listActionItems';
export { raiseActionAlarms } from './raiseActionAlarms';
