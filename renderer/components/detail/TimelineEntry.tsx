import type { TimelineEvent } from '../../../contract';
import { describeEvent } from '../../lib/describeEvent';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';
import { humanize } from '../../lib/humanize';
import type { SupersededStamp } from '../../lib/supersededStamps';
import { Icon, type IconName } from '../common/Icon';

const ICON: Record<ReturnType<typeof describeEvent>['tone'], IconName> = {
  neutral: 'edit', status: 'activity', note: 'note', evidence: 'paperclip', danger: 'alert', security: 'key',
};

/** A key event's star: a toggle for those who may star (review:write), a mark for those who only read reviews. */
export interface StarControl {
  starred: boolean;
  /** Absent: the star is only shown. */
  onToggle?: () => void;
  busy?: boolean;
}

/** Star marks are events too, but a mark is not a key event itself: it gets no star. */
const STAR_MARKS = new Set(['event.starred', 'event.unstarred']);

/** `superseded`: phase times this event set that a later move back set aside (lib/supersededStamps.ts). */
export function TimelineEntry({ event, superseded, star }: { event: TimelineEvent; superseded?: SupersededStamp[] | undefined; star?: StarControl | undefined }) {
  const d = describeEvent(event);
  const showStar = star && !STAR_MARKS.has(event.type) && (star.onToggle || star.starred);
  return (
    <li className={`tl-item tl-tone-${d.tone}${star?.starred ? ' is-key' : ''}`} data-type={event.type} data-seq={event.seq}>
      <span className="tl-icon" aria-hidden="true">
        <Icon name={ICON[d.tone]} size={13} />
      </span>
      <div className="tl-content">
        <div className="tl-head">
          <span>
            <strong className={d.cause ? 'tl-actor tl-actor-system' : 'tl-actor'}>{event.actor}</strong> <span className="tl-summary">{d.summary}</span>
            {/* A consequence is the system's; the person whose action it followed from is named, not credited. */}
            {d.cause && <span className="tl-cause" data-testid="tl-cause"> · {d.cause}</span>}
          </span>
          <span className="tl-meta">
            <time dateTime={event.ts} title={formatDateTime(event.ts, true)} className="tl-time">
              {formatRelative(event.ts)}
            </time>
            {showStar && (star.onToggle ? (
              <button
                type="button"
                className={`star-toggle${star.starred ? ' is-starred' : ''}`}
                aria-pressed={star.starred}
                aria-label={`Key event #${event.seq}`}
                title={star.starred ? 'A key event of the review: click to take the star off' : 'Star as a key event of the review'}
                // Not `disabled` while busy: a button disabled under the keyboard drops focus to the page,
                // so a second Space would scroll instead of starring. It says it is busy and ignores clicks.
                onClick={star.busy ? undefined : star.onToggle}
                aria-disabled={star.busy ? true : undefined}
              >
                <Icon name="star" size={14} />
              </button>
            ) : (
              <span className="star-mark is-starred" title="A key event of the review" role="img" aria-label={`Key event #${event.seq}`}>
                <Icon name="star" size={14} />
              </span>
            ))}
          </span>
        </div>
        {d.body && <p className={d.tone === 'note' ? 'tl-note' : 'tl-body'}>{d.body}</p>}
        {d.changes.length > 0 && (
          <ul className="tl-changes">
            {d.changes.map((c) => (
              <li key={c.field}>
                <span className="tl-field">{c.field}:</span> <span className="tl-before">{c.before}</span>
                <span className="tl-arrow" aria-label="changed to"> → </span>
                <span className="tl-after">{c.after}</span>
              </li>
            ))}
          </ul>
        )}
        {superseded?.map((s) => (
          <p key={s.field} className="tl-superseded" data-superseded={s.field}>
            <Icon name="undo" size={12} />
            <span>
              {humanize(s.field.replace(/At$/, ''))} time <s>{formatDateTime(s.at)}</s> superseded by the move back of {formatDateTime(s.byTs)}: not current
            </span>
          </p>
        ))}
      </div>
    </li>
  );
}
