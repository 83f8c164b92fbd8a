import { nextFireTime, type SchedulerTimers } from '../../../../main/backups';

interface FakeCron {
  expression: string;
  name: string;
  onTick: () => Promise<void>;
  onMissed: (slot: Date) => void;
  next: number;
  pending: boolean;
  stopped: boolean;
}

interface FakeTimer {
  at: number;
  fn: () => void;
  cancelled: boolean;
}

/** Lets promise callbacks (a run finishing, its bookkeeping) settle. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A controllable clock with cron tasks and timers on it, behaving like nodeCronTimers: a tick
 * while the previous tick's promise is pending is not awaited (noOverlap) but still reported.
 */
export class FakeTime implements SchedulerTimers {
  readonly crons: FakeCron[] = [];
  readonly timers: FakeTimer[] = [];

  constructor(public ms: number) {}

  readonly now = (): Date => new Date(this.ms);

  cron(expression: string, name: string, onTick: () => Promise<void>, onMissed: (slot: Date) => void) {
    const c: FakeCron = { expression, name, onTick, onMissed, next: this.nextOf(expression), pending: false, stopped: false };
    this.crons.push(c);
    return { stop: () => void (c.stopped = true) };
  }

  after(ms: number, fn: () => void) {
    const t: FakeTimer = { at: this.ms + ms, fn, cancelled: false };
    this.timers.push(t);
    return { cancel: () => void (t.cancelled = true) };
  }

  /** Timers not yet fired nor cancelled, soonest first. */
  pendingTimers(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at).sort((a, b) => a - b);
  }

  activeCrons(): string[] {
    return this.crons.filter((c) => !c.stopped).map((c) => c.name);
  }

  /** Moves the clock to `target`, firing every cron slot and timer on the way, in time order. */
  async advanceTo(target: Date | number): Promise<void> {
    const end = typeof target === 'number' ? target : target.getTime();
    for (;;) {
      await settle();
      const crons = this.crons.filter((c) => !c.stopped && c.next <= end);
      const timers = this.timers.filter((t) => !t.cancelled && t.at <= end);
      const soonest = Math.min(...crons.map((c) => c.next), ...timers.map((t) => t.at));
      if (!Number.isFinite(soonest)) break;
      this.ms = Math.max(this.ms, soonest);
      for (const t of timers.filter((x) => x.at === soonest)) {
        t.cancelled = true;
        t.fn();
      }
      for (const c of crons.filter((x) => x.next === soonest)) {
        c.next = this.nextOf(c.expression);
        if (c.pending) {
          void c.onTick();
          continue;
        }
        c.pending = true;
        void c.onTick().finally(() => (c.pending = false));
      }
    }
    this.ms = Math.max(this.ms, end);
    await settle();
  }

  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.ms + ms);
  }

  /** As node-cron does when it wakes up late: the slots that passed are reported as missed. */
  async sleepThrough(ms: number): Promise<void> {
    const end = this.ms + ms;
    const missed: (() => void)[] = [];
    for (const c of this.crons.filter((x) => !x.stopped)) {
      while (c.next <= end) {
        const slot = new Date(c.next);
        missed.push(() => c.onMissed(slot));
        c.next = this.nextOf(c.expression, c.next);
      }
    }
    this.ms = end;
    for (const report of missed) report();
    await settle();
  }

  private nextOf(expression: string, after = this.ms): number {
    const n = nextFireTime(expression, new Date(after));
    return n === null ? Infinity : n.getTime();
  }
}
