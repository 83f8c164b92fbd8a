import type { Db } from '../store';

const prepare = (db: Db, sql: string) => db.prepare<unknown[]>(sql);
type Statement = ReturnType<typeof prepare>;
const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * The rules' statements, prepared once per connection: they run on every watched append, where
 * compiling them each time cost more than running them (as appendEvent found for its own).
 */
export function prepared(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map<string, Statement>()));
  let statement = byDb.get(sql);
  if (!statement) byDb.set(sql, (statement = prepare(db, sql)));
  return statement;
}
