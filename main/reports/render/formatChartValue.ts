/**
 * A chart value as text in tables and labels: up to one decimal, but never a measured value
 * rounded to 0 (a drill's 0.07 s on a minutes axis is "0.0012", not "0", which reads as nothing);
 * a gap as "unknown" or what the chart says a gap means.
 */
export function formatChartValue(value: number | null, unit: string, gap = 'unknown'): string {
  if (value === null) return gap;
  const abs = Math.abs(value);
  const rounded = abs >= 100 ? Math.round(value).toString() : abs > 0 && abs < 0.05 ? Number(value.toPrecision(2)).toString() : (Math.round(value * 10) / 10).toString();
  return unit ? `${rounded} ${unit}` : rounded;
}

/** The text of one value of a series: its own text when the chart gives one, else formatChartValue. */
export function seriesValueText(s: { values: (number | null)[]; texts?: (string | null)[] }, i: number, unit: string, gap?: string): string {
  const v = s.values[i] ?? null;
  if (v !== null) {
    const own = s.texts?.[i];
    if (own) return own;
  }
  return formatChartValue(v, unit, gap);
}
