import type { RunHistoryEntry } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { withStepTitles } from '../../lib/withStepTitles';

/**
 * Every transition of the run, newest first; an undone one stays, struck through (a run never
 * erases). What the engine decided is shown as the system's, followed by the person's action it
 * came from: that person is named, not credited with it.
 */
export function RunHistory({ history, titleOf }: { history: RunHistoryEntry[]; titleOf: (id: string) => string | undefined }) {
  const newestFirst = [...history].sort((a, b) => b.n - a.n);
  if (newestFirst.length === 0) return <p className="muted small">Nothing done yet.</p>;
  return (
    <ol className="run-history" aria-label="Run history, newest first">
      {newestFirst.map((h) => (
        <li key={h.n} className={h.undone ? 'is-undone' : undefined} data-kind={h.kind} data-by={h.by}>
          <time dateTime={h.at} className="run-history-time">{formatDateTime(h.at, true)}</time>
          <span>
            <strong className={h.cause ? 'run-history-system' : undefined}>{h.by}</strong>{' '}
            {h.undone ? <del>{withStepTitles(h.text, titleOf)}</del> : withStepTitles(h.text, titleOf)}
            {h.cause && (
              <span className="run-history-cause" data-testid="run-history-cause">
                {' '}· after <strong>{h.cause.by}</strong> {withStepTitles(h.cause.text, titleOf)}{' '}
                <span className="mono" title="Sequence number of that action's event in the hash chain">#{h.cause.eventSeq}</span>
              </span>
            )}
            {h.undone && <span className="badge badge-muted">undone</span>}
          </span>
          <span className="muted small mono" title="Sequence number of the event in the hash chain">#{h.eventSeq}</span>
        </li>
      ))}
    </ol>
  );
}
