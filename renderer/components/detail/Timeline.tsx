import { useState } from 'react';
import { plural, type ApiError, type TimelineEvent } from '../../../contract';
import { useCan } from '../../hooks/useSession';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { supersededStamps, type SupersededStamp } from '../../lib/supersededStamps';
import { NoteComposer } from './NoteComposer';
import { TimelineEntry } from './TimelineEntry';

/**
 * The incident's events, newest first. With `keyEvents` (the session reads reviews) key events
 * wear a star and can be shown alone; with `onStar` too (review:write) the star is a toggle.
 */
export function Timeline({
  incidentRef, events, error, onNoteAdded, keyEvents, onStar,
}: {
  incidentRef: string;
  events: TimelineEvent[] | null;
  error: ApiError | null;
  onNoteAdded: () => void;
  keyEvents?: readonly number[] | null;
  onStar?: (seq: number, starred: boolean) => Promise<void>;
}) {
  const canNote = useCan('incident:note');
  const [keyOnly, setKeyOnly] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const key = new Set(keyEvents ?? []);
  const shown = events && keyEvents && keyOnly ? events.filter((e) => key.has(e.seq)) : events;
  const newestFirst = shown ? [...shown].sort((a, b) => b.seq - a.seq) : null;
  const superseded = events ? supersededStamps(events) : new Map<number, SupersededStamp[]>();
  const toggle = (seq: number) => async (): Promise<void> => {
    if (!onStar) return;
    setBusy(seq);
    await onStar(seq, !key.has(seq));
    setBusy(null);
  };
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card-header">
        <h2 id="timeline-title">Timeline</h2>
        <span className="tl-header-tools">
          {keyEvents && (
            <label className="check-row small">
              <input type="checkbox" checked={keyOnly} onChange={(e) => setKeyOnly(e.target.checked)} />
              Key events only ({keyEvents.length})
            </label>
          )}
          {newestFirst && <span className="muted small">{plural(newestFirst.length, 'event')}</span>}
        </span>
      </div>
      <div className="card-body">
        {canNote && <NoteComposer incidentRef={incidentRef} onAdded={onNoteAdded} />}
        {error && <ErrorBanner>{error.message}</ErrorBanner>}
        {newestFirst === null && !error && <Spinner label="Loading timeline" />}
        {newestFirst?.length === 0 && (keyOnly
          ? <EmptyState icon="star" title="No key events yet">{onStar ? 'Star the events that tell the story: the review and the report show them.' : 'Nobody has starred an event of this incident.'}</EmptyState>
          : <EmptyState icon="clock" title="Nothing recorded yet" />)}
        {newestFirst && newestFirst.length > 0 && (
          <ol className="timeline" aria-label="Events, newest first">
            {newestFirst.map((event) => (
              <TimelineEntry
                key={event.seq}
                event={event}
                superseded={superseded.get(event.seq)}
                star={keyEvents ? { starred: key.has(event.seq), ...(onStar ? { onToggle: () => void toggle(event.seq)(), busy: busy === event.seq } : {}) } : undefined}
              />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
