import { schedule, type Logger } from 'node-cron';
import type { SchedulerTimers } from './SchedulerTimers';

/**
 * The real timers: node-cron tasks (noOverlap, named after the plan) and setTimeout. node-cron's
 * own console output is routed to `log`; its overlap warning is left out, since the scheduler
 * reports a skipped tick itself.
 */
export function nodeCronTimers(log: (line: string) => void = () => undefined): SchedulerTimers {
  const logger: Logger = {
    info: () => undefined,
    debug: () => undefined,
    warn: (message) => {
      if (!/overlap prevention/.test(message)) log(`node-cron: ${message}`);
    },
    error: (message, err) => log(`node-cron: ${message instanceof Error ? message.message : message}${err ? `: ${err.message}` : ''}`),
  };
  return {
    cron(expression, name, onTick, onMissed) {
      const task = schedule(expression, () => onTick(), { name: `backup:${name}`, noOverlap: true, logger });
      task.on('execution:missed', (ctx) => onMissed(ctx.date));
      // node-cron drops a tick while the last one runs; the scheduler still hears of it.
      task.on('execution:overlap', () => void onTick());
      return { stop: () => void task.destroy() };
    },
    after(ms, fn) {
      const timer = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(timer) };
    },
  };
}
