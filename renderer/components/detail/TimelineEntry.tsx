import type { TimelineEvent } from '../../../contract';
import { describeEvent } from '../../lib/describeEvent';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';
import { Icon, type IconName } from '../common/Icon';

const ICON: Record<ReturnType<typeof describeEvent>['tone'], IconName> = {
  neutral: 'edit', status: 'activity', note: 'note', evidence: 'paperclip', danger: 'alert', security: 'key',
};

export function TimelineEntry({ event }: { event: TimelineEvent }) {
  const d = describeEvent(event);
  return (
    <li className={`tl-item tl-tone-${d.tone}`} data-type={event.type}>
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
          <time dateTime={event.ts} title={formatDateTime(event.ts, true)} className="tl-time">
            {formatRelative(event.ts)}
          </time>
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
      </div>
    </li>
  );
}
