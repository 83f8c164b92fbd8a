/** A chart value as text in tables and labels: up to one decimal, "unknown" for a gap. */
export function formatChartValue(value: number | null, unit: string): string {
  if (value === null) return 'unknown';
  const rounded = Math.abs(value) >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
  return unit ? `${rounded} ${unit}` : rounded;
}
