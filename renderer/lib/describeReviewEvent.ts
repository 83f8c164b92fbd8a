import { ACTION_STATUS_LABEL, REVIEW_SECTION_INFO, formatActionId, type ActionStatus, type ReviewSection, type TimelineEvent } from '../../contract';
import type { EventDescription, FieldChange } from './describeEvent';
import { formatDue } from './formatDue';
import { humanize } from './humanize';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const num = (v: unknown): string => (typeof v === 'number' ? String(v) : '?');
const sections = (v: unknown): string =>
  Array.isArray(v) ? v.map((s) => REVIEW_SECTION_INFO[s as ReviewSection]?.title ?? str(s)).join(', ') : '';
const item = (d: Record<string, unknown>): string => `${typeof d.id === 'number' ? formatActionId(d.id) : 'action item'} “${str(d.title)}”`;

/** `due` is a date (an instant in events recorded before due dates were dates); the other fields are shown as they are. */
function actionChanges(v: unknown): FieldChange[] {
  if (!Array.isArray(v)) return [];
  return v.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null).map((c) => {
    const show = (x: unknown) => (c.field === 'due' ? formatDue(str(x)) : str(x));
    return { field: humanize(str(c.field)), before: show(c.before), after: show(c.after), redacted: false };
  });
}

/**
 * The post-incident review's events (review.*), key-event marks (event.starred / unstarred) and
 * action items (action.*): one line each, the free text (a reason, a note) as the body.
 */
export function describeReviewEvent(event: TimelineEvent, base: EventDescription): EventDescription {
  const d = event.data;
  switch (event.type) {
    case 'review.saved':
      return { ...base, summary: `Saved version ${num(d.version)} of the review: ${sections(d.changed)}`, body: d.reason ? str(d.reason) : null };
    case 'review.signed_off':
      return { ...base, summary: `Signed off version ${num(d.version)} of the review as final`, tone: 'status' };
    case 'review.reopened':
      return { ...base, summary: `Reopened the review: version ${num(d.fromVersion)}, signed off by ${str(d.signedOffBy)}, is no longer final`, body: str(d.reason), tone: 'status' };
    case 'event.starred':
      return { ...base, summary: `Starred event #${num(d.seq)} (${humanize(str(d.type))}) as a key event` };
    case 'event.unstarred':
      return { ...base, summary: `Took the star off event #${num(d.seq)} (${humanize(str(d.type))}): no longer a key event` };
    case 'action.added':
      return { ...base, summary: `Added action item ${item(d)} for ${str(d.owner)}, due ${formatDue(str(d.due))}${d.overdue === true ? ', overdue already' : ''}` };
    case 'action.updated': {
      const changes = actionChanges(d.changes);
      return { ...base, summary: `Changed ${item(d)}: ${changes.map((c) => c.field.toLowerCase()).join(', ')}`, changes, body: d.reason ? str(d.reason) : null };
    }
    case 'action.done':
      return { ...base, summary: `Marked ${item(d)} done${d.overdue === true ? ' (after its due date)' : ''}`, body: str(d.note), tone: 'status' };
    case 'action.wont_do':
      return { ...base, summary: `Decided ${item(d)} won't be done`, body: str(d.reason), tone: 'status' };
    case 'action.reopened':
      return { ...base, summary: `Reopened ${item(d)} (was ${ACTION_STATUS_LABEL[str(d.was) as ActionStatus] ?? str(d.was)})`, body: str(d.reason) };
    case 'action.alarm': {
      const when = d.threshold === 0 ? 'is overdue' : `is due in less than ${num(d.threshold)} h`;
      return { ...base, summary: `Action item alarm: ${item(d)}, owner ${str(d.owner)}, ${when} (due ${formatDue(str(d.due))})`, tone: 'danger' };
    }
    default:
      return base;
  }
}
