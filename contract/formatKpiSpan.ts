/**
 * A KPI duration at a glance: 45 s, 12 min, 3.5 h, 2.1 d (exact seconds stay in the JSON and CSV).
 * One rule for the dashboard and `firebreak kpi`, so both say the same figure the same way; only
 * the characters differ (a terminal gets ASCII, the page typographic dashes and minus signs).
 */
export function formatKpiSpan(seconds: number | null, chars: { none: string; minus: string } = { none: '—', minus: '−' }): string {
  if (seconds === null) return chars.none;
  const sign = seconds < 0 ? chars.minus : '';
  const s = Math.abs(seconds);
  // A drill restores in well under a second: keep what was measured instead of "0 s".
  if (s < 10) return `${sign}${s.toFixed(s < 1 ? 2 : 1)} s`;
  if (s < 120) return `${sign}${Math.round(s)} s`;
  if (s < 7200) return `${sign}${Math.round(s / 60)} min`;
  if (s < 172_800) return `${sign}${(s / 3600).toFixed(1)} h`;
  return `${sign}${(s / 86_400).toFixed(1)} d`;
}
