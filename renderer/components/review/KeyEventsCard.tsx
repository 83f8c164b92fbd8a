import type { TimelineEvent } from '../../../contract';
import { useCan } from '../../hooks/useSession';
import { describeEvent } from '../../lib/describeEvent';
import { formatDateTime } from '../../lib/formatDateTime';
import { Spinner } from '../common/Spinner';

/** The starred events, oldest first: the story the review and the report tell. */
export function KeyEventsCard({ events }: { events: TimelineEvent[] | null }) {
  const canStar = useCan('review:write');
  return (
    <section className="card" aria-labelledby="key-events-title">
      <div className="card-header">
        <h2 id="key-events-title">Key events</h2>
        {events && <span className="muted small">{events.length} starred</span>}
      </div>
      <div className="card-body">
        {events === null && <Spinner label="Loading the key events" />}
        {events?.length === 0 && (
          <p className="muted">No key events yet.{canStar ? ' Star the events that tell the story on the timeline (☆ beside each entry).' : ''}</p>
        )}
        {events && events.length > 0 && (
          <ol className="key-events" aria-label="Key events, oldest first">
            {events.map((e) => (
              <li key={e.seq}>
                <time dateTime={e.ts}>{formatDateTime(e.ts)}</time>
                <span><strong>{e.actor}</strong> {describeEvent(e).summary} <span className="muted">#{e.seq}</span></span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
