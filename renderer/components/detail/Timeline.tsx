import type { ApiError, TimelineEvent } from '../../../contract';
import { useCan } from '../../hooks/useSession';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { supersededStamps, type SupersededStamp } from '../../lib/supersededStamps';
import { NoteComposer } from './NoteComposer';
import { TimelineEntry } from './TimelineEntry';

export function Timeline({
  incidentRef, events, error, onNoteAdded,
}: { incidentRef: string; events: TimelineEvent[] | null; error: ApiError | null; onNoteAdded: () => void }) {
  const canNote = useCan('incident:note');
  const newestFirst = events ? [...events].sort((a, b) => b.seq - a.seq) : null;
  const superseded = events ? supersededStamps(events) : new Map<number, SupersededStamp[]>();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card-header">
        <h2 id="timeline-title">Timeline</h2>
        {newestFirst && <span className="muted small">{newestFirst.length} events</span>}
      </div>
      <div className="card-body">
        {canNote && <NoteComposer incidentRef={incidentRef} onAdded={onNoteAdded} />}
        {error && <ErrorBanner>{error.message}</ErrorBanner>}
        {newestFirst === null && !error && <Spinner label="Loading timeline" />}
        {newestFirst?.length === 0 && <EmptyState icon="clock" title="Nothing recorded yet" />}
        {newestFirst && newestFirst.length > 0 && (
          <ol className="timeline" aria-label="Events, newest first">
            {newestFirst.map((event) => <TimelineEntry key={event.seq} event={event} superseded={superseded.get(event.seq)} />)}
          </ol>
        )}
      </div>
    </section>
  );
}
