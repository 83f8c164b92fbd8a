/**
 * The post-incident review's vocabulary as plain constants, without zod (see contract/incidentTerms.ts
 * for why: the CLI's --help and the renderer's labels load no schema library).
 */

/**
 * The sections of a post-incident review: NIST SP 800-61r2 §3.4.1 ("Lessons learned") asks most
 * of these questions; SP 800-61r3 folds them into the "Improve" function. Order is display order.
 */
export const REVIEW_SECTIONS = [
  'summary', 'rootCause', 'contributingFactors', 'wentWell', 'wentWrong', 'doDifferently', 'infoNeededSooner', 'precursors', 'toolsNeeded',
] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

/** Each section's heading and the question it answers (shown as the field's hint). */
export const REVIEW_SECTION_INFO: Readonly<Record<ReviewSection, { title: string; question: string }>> = {
  summary: { title: 'Summary for executives', question: 'What happened, what it cost and where things stand, in a few sentences for leadership.' },
  rootCause: { title: 'Root cause', question: 'Why did it happen? The underlying cause, not only the trigger.' },
  contributingFactors: { title: 'Contributing factors', question: 'What made it possible, worse, or slower to handle?' },
  wentWell: { title: 'What went well', question: 'What worked in detection, response and recovery, and should be kept?' },
  wentWrong: { title: 'What went wrong', question: 'Where did staff, procedures or tools fall short?' },
  doDifferently: { title: 'What to do differently', question: 'What would staff and management do differently the next time a similar incident occurs?' },
  infoNeededSooner: { title: 'Information needed sooner', question: 'What information was needed sooner, and from whom?' },
  precursors: { title: 'Precursors to watch', question: 'What precursors or indicators should be watched for in the future?' },
  toolsNeeded: { title: 'Tools and resources needed', question: 'What additional tools or resources are needed to detect, analyse and mitigate future incidents?' },
};

/** Per section: about ten pages of text. A review is read by people, not filled by machines. */
export const MAX_REVIEW_SECTION_CHARS = 20_000;

export const REVIEW_STATUSES = ['draft', 'final'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** An action item is open until someone decides otherwise: done (with a note) or won't do (with the reason). */
export const ACTION_STATUSES = ['open', 'done', 'wont_do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABEL: Readonly<Record<ActionStatus, string>> = { open: 'open', done: 'done', wont_do: "won't do" };

/**
 * When an open action item raises an alarm: a day before it is due, and when it is overdue
 * (0). Fixed, unlike the notification deadlines' thresholds: an action item's due date is the
 * organisation's own, not a regulator's, so one warning and one overdue alarm are enough.
 */
export const ACTION_ALARM_HOURS: readonly number[] = [24, 0];

/** How an action item id is shown and read back (A-12, a-12 or 12). */
export const formatActionId = (id: number): string => `A-${id}`;
export function parseActionId(text: string): number | null {
  const m = /^(?:A-)?(\d{1,9})$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

/**
 * When an action item due on a calendar date (YYYY-MM-DD) becomes overdue: the end of that day in
 * the time zone this code runs in (the backend calls it, so the desktop app's machine or the server
 * in browser mode). Null for anything that is not a real date (2026-02-30 included).
 */
export function dueAtEndOf(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const end = new Date(y, mo - 1, d, 23, 59, 59, 999);
  if (end.getFullYear() !== y || end.getMonth() !== mo - 1 || end.getDate() !== d) return null;
  return end.toISOString();
}
