/** A started cron task; stop() ends it. */
export interface CronHandle {
  stop(): void;
}

/** A pending one-off timer; cancel() drops it. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * The time sources of the scheduler, injectable so tests run it on a controllable clock
 * (nodeCronTimers is the real one).
 */
export interface SchedulerTimers {
  /**
   * Calls `onTick` at every time the expression names; a tick arriving while the promise of the
   * previous one is pending is dropped (node-cron's noOverlap). `onMissed` is told of a slot that
   * passed without a tick (the process was blocked or the machine asleep).
   */
  cron(expression: string, name: string, onTick: () => Promise<void>, onMissed: (slot: Date) => void): CronHandle;
  /** Calls `fn` once after `ms` milliseconds. */
  after(ms: number, fn: () => void): TimerHandle;
}
