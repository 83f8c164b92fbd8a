import type { NoticeStage } from './noticeStages';

/**
 * Where one notice stage stands for a period (docs/kpis.md, "Notifications on time"), the one rule
 * the on-time rate and the period report's list of obligations both follow:
 * - `on-time` / `late`: sent, on or before / after its fixed deadline — in the rate;
 * - `unsent-past-due`: not sent and the deadline passed by the end of the period (or now) — in the rate, and overdue now;
 * - `overdue-now`: not sent, the deadline passed after the period ended — not in this period's rate, overdue now;
 * - `not-yet-due`: not sent, the deadline is still ahead;
 * - `no-deadline-sent` / `no-deadline-unsent`: a stage without a fixed deadline ("without undue delay") — never in the rate.
 */
export type StageState = 'on-time' | 'late' | 'unsent-past-due' | 'overdue-now' | 'not-yet-due' | 'no-deadline-sent' | 'no-deadline-unsent';

export function stageState(s: NoticeStage, asOfMs: number, nowMs: number): StageState {
  const sent = !Number.isNaN(s.sentAt);
  if (Number.isNaN(s.due)) return sent ? 'no-deadline-sent' : 'no-deadline-unsent';
  if (sent) return s.sentAt <= s.due ? 'on-time' : 'late';
  if (s.due <= asOfMs) return 'unsent-past-due';
  return s.due <= nowMs ? 'overdue-now' : 'not-yet-due';
}

/** States counted in the on-time rate's denominator. */
export const IN_RATE: ReadonlySet<StageState> = new Set(['on-time', 'late', 'unsent-past-due']);
/** States that are open obligations past their deadline now (the deadline board's overdue). */
export const OVERDUE_NOW: ReadonlySet<StageState> = new Set(['unsent-past-due', 'overdue-now']);
