import type { Retention } from '../../contract';

interface Dated {
  id: string;
  finishedAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 week: the Thursday of the week decides its year. */
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return `${t.getUTCFullYear()}-W${pad(Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7))}`;
}

const BUCKETS: { rule: keyof Retention; label: string; key: (d: Date) => string }[] = [
  { rule: 'keepDaily', label: 'daily', key: (d) => d.toISOString().slice(0, 10) },
  { rule: 'keepWeekly', label: 'weekly', key: isoWeek },
  { rule: 'keepMonthly', label: 'monthly', key: (d) => d.toISOString().slice(0, 7) },
  { rule: 'keepYearly', label: 'yearly', key: (d) => d.toISOString().slice(0, 4) },
];

/**
 * Which backups the retention rules keep, and why, as restic's `forget` does: `keepLast` keeps
 * the newest N; `keepDaily` N keeps the newest backup of each of the last N days that have one
 * (likewise weeks, months, years, in UTC). A backup kept by any rule is kept.
 */
export function selectRetained(backups: readonly Dated[], retention: Retention): Map<string, string[]> {
  const newest = [...backups].sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : a.id < b.id ? 1 : -1));
  const kept = new Map<string, string[]>();
  const keep = (id: string, why: string) => kept.set(id, [...(kept.get(id) ?? []), why]);
  newest.slice(0, retention.keepLast ?? 0).forEach((b, i) => keep(b.id, `last ${i + 1}`));
  for (const { rule, label, key } of BUCKETS) {
    const limit = retention[rule] ?? 0;
    const seen = new Set<string>();
    for (const b of newest) {
      if (seen.size >= limit) break;
      const k = key(new Date(b.finishedAt));
      if (seen.has(k)) continue;
      seen.add(k);
      keep(b.id, `${label} ${k}`);
    }
  }
  return kept;
}
