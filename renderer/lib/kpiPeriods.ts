/** The dashboard's period choices, as whole UTC days (the KPIs count by UTC day). */
export type PeriodChoice = 'this-quarter' | 'previous-quarter' | 'this-year' | 'custom';

export interface DayRange {
  from: string;
  to: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

export function periodFor(choice: Exclude<PeriodChoice, 'custom'>, now: Date): DayRange {
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3);
  switch (choice) {
    case 'this-quarter':
      return { from: iso(y, q * 3, 1), to: iso(y, q * 3 + 3, 0) };
    case 'previous-quarter':
      return { from: iso(y, q * 3 - 3, 1), to: iso(y, q * 3, 0) };
    case 'this-year':
      return { from: iso(y, 0, 1), to: iso(y, 12, 0) };
  }
}

/** "Q1 2026", "2026", or "1 Jan – 15 Feb 2026": how a range reads. */
export function describeRange(r: DayRange): string {
  const [fy, fm, fd] = r.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = r.to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd === 1 && td === lastDay && fy === ty && (fm - 1) % 3 === 0 && tm === fm + 2) return `Q${(fm + 2) / 3} ${fy}`;
  if (fd === 1 && fm === 1 && tm === 12 && td === 31 && fy === ty) return String(fy);
  const fmt = (s: string) => new Date(`${s}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${fmt(r.from)} – ${fmt(r.to)}`;
}
