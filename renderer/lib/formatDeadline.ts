import { formatDuration } from './formatDuration';

const inZone = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });

/** A deadline in the jurisdiction's zone ("16 Mar 2026, 11:00 CET"), the way its rule counts it. */
export function formatInJurisdiction(iso: string, timeZone: string): string {
  try {
    return inZone(timeZone).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** "in 2 d 3 h", "3 h 05 min overdue": what a responder reads first. At the deadline itself it is overdue. */
export function formatTimeLeft(dueIso: string, now: number): { text: string; overdue: boolean } {
  const seconds = Math.floor((Date.parse(dueIso) - now) / 1000);
  return seconds <= 0 ? { text: `${formatDuration(-seconds)} overdue`, overdue: true } : { text: `in ${formatDuration(seconds)}`, overdue: false };
}
