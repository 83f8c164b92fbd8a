/**
 * How a period reads at the top of a report: "Q3 2026", "2026", or "1 Jul 2026 – 15 Aug 2026" for
 * any other range (the same words the Dashboard's period picker uses). Whole UTC days.
 */
export function describePeriod(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fy === ty && fd === 1 && td === lastDay) {
    if (fm === 1 && tm === 12) return String(fy);
    if ((fm - 1) % 3 === 0 && tm === fm + 2) return `Q${(fm + 2) / 3} ${fy}`;
    if (fm === tm) return new Date(Date.UTC(fy, fm - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  const day = (s: string) => new Date(`${s}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return from === to ? day(from) : `${day(from)} – ${day(to)}`;
}

/** Days in a period of whole days, first and last included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}
