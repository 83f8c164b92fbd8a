import type { Db } from '../store';
import { appendEvent } from '../timeline';

/**
 * Stores one setting and records the change in the hash chain (`settings.changed`, with each
 * changed field's old and new value), in the caller's transaction. Nothing changed, nothing is
 * stored or logged: returns false.
 */
export function writeSetting(db: Db, key: string, value: unknown, changes: Record<string, { from: unknown; to: unknown }>, actor: string, now: string): boolean {
  if (Object.keys(changes).length === 0) return false;
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(key, JSON.stringify(value), now, actor);
  appendEvent(db, { actor, type: 'settings.changed', ts: now, data: { key, changes } });
  return true;
}

/** The fields of `next` that differ from `before`, as `{ from, to }`. */
export function changedFields<T extends object>(before: T, next: T): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(next[key])) changes[key] = { from: before[key], to: next[key] };
  }
  return changes;
}
