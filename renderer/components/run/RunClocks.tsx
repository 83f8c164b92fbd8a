import type { RunClock } from '../../../contract';
import { useNow } from '../../hooks/useNow';
import { clockStatus } from '../../lib/clockStatus';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatDuration } from '../../lib/formatDuration';
import { Icon } from '../common/Icon';

/** The run's clocks, counting live: elapsed, the deadline (red once overdue) and the next reminder. */
export function RunClocks({ clocks }: { clocks: RunClock[] }) {
  const now = useNow(1000, clocks.some((c) => c.stoppedAt === null));
  if (clocks.length === 0) return null;
  return (
    <ul className="run-clocks" aria-label="Clocks">
      {clocks.map((clock) => {
        const s = clockStatus(clock, now);
        const overdue = s.dueInSeconds !== null && s.dueInSeconds < 0;
        return (
          <li key={clock.name} className={`run-clock${overdue ? ' is-overdue' : ''}${s.running ? ' is-running' : ''}`} data-testid="run-clock" data-clock={clock.name}>
            <Icon name="clock" size={16} />
            <div>
              <div className="run-clock-head">
                <strong className="mono">{clock.name}</strong>
                <span className="run-clock-elapsed" aria-label={`${s.running ? 'Running for' : 'Ran for'} ${formatDuration(s.elapsedSeconds)}`}>
                  {formatDuration(s.elapsedSeconds)}
                </span>
                <span className="muted small">{s.running ? 'running' : 'stopped'}</span>
              </div>
              <div className="muted small">
                started by {clock.startedBy} · <time dateTime={clock.startedAt}>{formatDateTime(clock.startedAt)}</time>
                {clock.stoppedAt && <> · stopped <time dateTime={clock.stoppedAt}>{formatDateTime(clock.stoppedAt)}</time></>}
              </div>
              {s.dueInSeconds !== null && (
                <div className={overdue ? 'run-clock-due is-overdue' : 'run-clock-due'}>
                  {overdue ? <>Overdue by {formatDuration(-s.dueInSeconds)}</> : <>Due in {formatDuration(s.dueInSeconds)}</>}
                  {clock.dueAt && <span className="muted small"> (<time dateTime={clock.dueAt}>{formatDateTime(clock.dueAt)}</time>)</span>}
                </div>
              )}
              {s.nextReminderAt !== null && (
                <div className="small">
                  Next reminder in {formatDuration((s.nextReminderAt - now) / 1000)}
                  <span className="muted"> (at {formatDateTime(new Date(s.nextReminderAt).toISOString())}, every {formatDuration(clock.remindEverySeconds ?? 0)})</span>
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
