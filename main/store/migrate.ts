import { ApiFailure } from '../../contract';
import type { Migration } from './Migration';
import { MIGRATIONS } from './migrations';
import type { Db } from './openDatabase';

/**
 * Brings the schema up to date: all pending steps in one transaction, so a failure leaves the
 * database at its old version. A database newer than this build is refused, never downgraded.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, target?: number): number {
  assertOrdered(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new ApiFailure('STORAGE', `the database is from a newer Firebreak (schema ${current}, this build knows ${latest}); upgrade Firebreak`);
  }
  const goal = target ?? latest;
  const pending = migrations.filter((m) => m.version > current && m.version <= goal);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
  return pending.at(-1)!.version;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.reduce((prev, m) => {
    if (m.version <= prev) throw new Error(`migration ${m.name} (${m.version}) is out of order`);
    return m.version;
  }, 0);
}
