import type { TimeOrderConflict } from '../../contract';

/** `2026-03-01 09:15 UTC`, with seconds when the minute alone would not show the order. */
function utc(iso: string, seconds: boolean): string {
  const d = new Date(iso).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, seconds ? 19 : 16)} UTC`;
}

/** "contained 2026-03-01 09:15 UTC is before triaged 2026-03-01 10:31 UTC": the pair named, in UTC (the backend knows no viewer's zone). */
export function describeTimeOrderConflict(c: TimeOrderConflict): string {
  const seconds = utc(c.laterAt, false) === utc(c.earlierAt, false);
  return `${c.later} ${utc(c.laterAt, seconds)} is before ${c.earlier} ${utc(c.earlierAt, seconds)}`;
}
