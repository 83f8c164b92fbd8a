/** A period of whole UTC days as instants, with its months and quarters for grouping. */
export interface Period {
  /** First and last day, as given (YYYY-MM-DD). */
  from: string;
  to: string;
  startMs: number;
  /** The instant after the last day (exclusive). */
  endMs: number;
  /** `2026-01` … every month the period touches. */
  months: string[];
  /** Index of the first month: year·12 + month (0-based), to place an instant in `months`. */
  firstMonth: number;
  /** `2026-Q1` … every quarter the period touches. */
  quarters: string[];
  firstQuarter: number;
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function periodOf(from: string, to: string): Period {
  const startMs = Date.parse(`${from}T00:00:00.000Z`);
  const endMs = Date.parse(`${to}T00:00:00.000Z`) + DAY;
  const monthIndex = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();
  const firstMonth = monthIndex(startMs);
  const lastMonth = monthIndex(endMs - 1);
  const months: string[] = [];
  for (let m = firstMonth; m <= lastMonth; m++) months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  const firstQuarter = Math.floor(firstMonth / 3);
  const quarters: string[] = [];
  for (let q = firstQuarter; q <= Math.floor(lastMonth / 3); q++) quarters.push(`${Math.floor(q / 4)}-Q${(q % 4) + 1}`);
  return { from, to, startMs, endMs, months, firstMonth, quarters, firstQuarter };
}

/**
 * The period a trend compares with: for whole calendar months (a month, a quarter, a year) the same
 * number of calendar months just before (Q3 with Q2, 92 days with 91, as a reader of "previous
 * quarter" expects); otherwise the period of equal length that ends where this one starts.
 */
export function previousPeriod(p: Period): Period {
  const start = new Date(p.startMs);
  const end = new Date(p.endMs);
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const monthsLong = (end.getUTCFullYear() - y) * 12 + end.getUTCMonth() - m;
  const wholeMonths = start.getUTCDate() === 1 && end.getUTCDate() === 1;
  if (wholeMonths) return periodOf(iso(Date.UTC(y, m - monthsLong, 1)), iso(p.startMs - DAY));
  const days = Math.round((p.endMs - p.startMs) / DAY);
  return periodOf(iso(p.startMs - days * DAY), iso(p.startMs - DAY));
}

/** Which month of the period an instant falls in (an index into `months`). */
export function monthSlot(p: Period, ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth() - p.firstMonth;
}

export function quarterSlot(p: Period, ms: number): number {
  const d = new Date(ms);
  return Math.floor((d.getUTCFullYear() * 12 + d.getUTCMonth()) / 3) - p.firstQuarter;
}
