import type { Db } from '../store';
import type { KpiScope } from './KpiScope';

const DAY = 86_400_000;

/**
 * Migration 0220's counters, which move whenever what the KPIs read changes: `notices` with
 * anything a notice stage is assessed from, `backups` with plans, backups, checks and failed runs.
 */
export function storeVersions(db: Db): { notices: number; backups: number } {
  return db.prepare('SELECT notices, backups FROM kpi_version WHERE id = 1').get() as { notices: number; backups: number };
}

/** The largest version of the days whose kpi_incidents rows the scope reads: it moves whenever one of them changes. */
export function scopeVersion(db: Db, scope: KpiScope): number {
  return db.prepare('SELECT coalesce(max(version), 0) FROM kpi_days WHERE day BETWEEN ? AND ?').pluck().get(...scopeDays(scope)) as number;
}

/** The first and last day (migration 0220's numbering) whose changes can touch the period: a day either side, as days before 1970 are truncated towards zero. */
export function scopeDays(scope: KpiScope): [number, number] {
  return [Math.floor(scope.period.startMs / DAY) - 1, Math.floor(scope.period.endMs / DAY)];
}

/** Keeps `value` per database under `key` as the most recent entry, dropping the oldest past `max`. */
export function remember<V>(store: WeakMap<Db, Map<string, V>>, db: Db, key: string, value: V, max: number): void {
  let perDb = store.get(db);
  if (!perDb) store.set(db, (perDb = new Map<string, V>()));
  perDb.delete(key);
  perDb.set(key, value);
  for (const old of perDb.keys()) if (perDb.size > max) perDb.delete(old);
}
