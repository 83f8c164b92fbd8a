const day = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * An action item's due date as a date ("17 Mar 2026"), the same in every time zone: a due date is a
 * calendar date (YYYY-MM-DD), so it is formatted as that day, never converted. An instant (an event
 * recorded before due dates were dates) is shown with its time, as it was given.
 */
export function formatDue(due: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
    const d = new Date(`${due}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? due : day.format(d);
  }
  const d = new Date(due);
  return Number.isNaN(d.getTime()) ? due : dayTime.format(d);
}
