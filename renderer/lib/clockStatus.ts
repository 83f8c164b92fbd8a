import type { RunClock } from '../../contract';

export interface ClockStatus {
  running: boolean;
  /** Seconds from start to now (or to the stop). */
  elapsedSeconds: number;
  /** Seconds until the deadline; negative once overdue; null without a deadline or once stopped. */
  dueInSeconds: number | null;
  /** Epoch ms of the next reminder while running, null without reminders. */
  nextReminderAt: number | null;
}

/** Where a run's clock stands at `now` (epoch ms): the run view re-renders this every second. */
export function clockStatus(clock: RunClock, now: number): ClockStatus {
  const started = Date.parse(clock.startedAt);
  const stopped = clock.stoppedAt === null ? null : Date.parse(clock.stoppedAt);
  const running = stopped === null;
  const end = stopped ?? now;
  const elapsedSeconds = Math.max(0, Math.floor((end - started) / 1000));
  const dueInSeconds = running && clock.dueAt !== null ? Math.floor((Date.parse(clock.dueAt) - now) / 1000) : null;
  let nextReminderAt: number | null = null;
  if (running && clock.remindEverySeconds !== null && clock.remindEverySeconds > 0) {
    const every = clock.remindEverySeconds * 1000;
    // Reminders fall on start + k·every; the next one is the first strictly after now.
    nextReminderAt = started + (Math.floor(Math.max(0, now - started) / every) + 1) * every;
  }
  return { running, elapsedSeconds, dueInSeconds, nextReminderAt };
}
