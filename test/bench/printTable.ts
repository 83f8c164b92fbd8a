import { ratioOf, verdictOf, type BenchRow } from './BenchResult';

const fmt = (v: number | null, unit: string): string => {
  if (v === null) return '—';
  if (unit === 'ms') return v < 10 ? v.toFixed(2) : v.toFixed(1);
  if (unit === 's' || unit === '%') return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
};

/** The side-by-side table: Firebreak (SQLCipher) next to the plain-SQLite reference and the target. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['#', 'measurement', 'unit', 'SQLCipher', 'plain SQLite', 'enc/plain', 'target', 'result'];
  const body = rows.map((r) => {
    const ratio = ratioOf(r);
    return [
      r.id,
      r.name,
      r.unit,
      fmt(r.encrypted, r.unit),
      fmt(r.plain, r.unit),
      ratio === null ? '—' : ratio.toFixed(2),
      r.target?.label ?? '—',
      verdictOf(r),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((line) => line[c]!.length)));
  const numeric = new Set([3, 4, 5]);
  const line = (cells: string[]) =>
    cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  [${r.id}] ${r.note}`);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
