/** One line of the bench table (and of bench-results/latest.json). */
export interface BenchRow {
  /** Benchmark number from the issue, with a letter for variants: "1", "3b". */
  id: string;
  name: string;
  unit: string;
  /** Firebreak's own stack: SQLCipher 4 through the project's code. null = not measured. */
  encrypted: number | null;
  /** The reference: the same code path on an unencrypted SQLite file with the same schema. */
  plain: number | null;
  /** What the target compares: usually `encrypted`, for bench 1 the encrypted/plain ratio. */
  target?: { subject: 'encrypted' | 'ratio'; op: '<' | '<=' | '>='; value: number; label: string };
  note?: string;
}

export type Verdict = 'PASS' | 'MISS' | 'n/a' | 'not measured';

export function ratioOf(row: BenchRow): number | null {
  return row.encrypted !== null && row.plain !== null && row.plain !== 0 ? row.encrypted / row.plain : null;
}

export function verdictOf(row: BenchRow): Verdict {
  if (row.encrypted === null) return 'not measured';
  if (!row.target) return 'n/a';
  const subject = row.target.subject === 'ratio' ? ratioOf(row) : row.encrypted;
  if (subject === null) return 'not measured';
  const { op, value } = row.target;
  const met = op === '<' ? subject < value : op === '<=' ? subject <= value : subject >= value;
  return met ? 'PASS' : 'MISS';
}
