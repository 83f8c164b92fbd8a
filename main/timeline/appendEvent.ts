import type { ChainHead, TimelineEvent } from '../../contract';
import type { Db } from '../store';
import { GENESIS_HASH, hashEvent } from './hashEvent';
import { scrubSearchIndex } from './scrubSearchIndex';

export interface NewEvent {
  actor: string;
  type: string;
  incidentRef?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to now; injectable so tests can pin time. */
  ts?: string;
}

const prepare = (db: Db, sql: string) => db.prepare<unknown[]>(sql);
type Statement = ReturnType<typeof prepare>;

/**
 * The log's statements, prepared once per connection. Compiling the INSERT compiles every trigger
 * on `events` with it (the search index's projection, the KPI totals), which costs more than
 * running them: prepared per append, it made appends up to twice as slow. SQLite recompiles a
 * prepared statement by itself when the schema changes (a migration, a trigger dropped).
 */
const statements = new WeakMap<Db, Map<string, Statement>>();
function prepared(db: Db, sql: string): Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map<string, Statement>()));
  let statement = byDb.get(sql);
  if (!statement) byDb.set(sql, (statement = prepare(db, sql)));
  return statement;
}

/**
 * Appends one event to the chain. Runs in its own (nested, if the caller has one) transaction so
 * a domain change and its event commit together or not at all.
 */
export function appendEvent(db: Db, event: NewEvent): TimelineEvent {
  return db.transaction(() => {
    const head = readHead(db);
    const row = {
      seq: (head?.seq ?? 0) + 1,
      ts: event.ts ?? new Date().toISOString(),
      actor: event.actor,
      type: event.type,
      incidentRef: event.incidentRef ?? null,
      data: event.data ?? {},
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = hashEvent(prevHash, row);
    prepared(db, 'INSERT INTO events (seq, ts, actor, type, incident_ref, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.seq, row.ts, row.actor, row.type, row.incidentRef, JSON.stringify(row.data), prevHash, hash);
    prepared(db, 'INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(row.seq, hash);
    const appended = { ...row, prevHash, hash };
    // The search indexes hold what a role without pii:read is shown, typed personal values masked.
    scrubSearchIndex(db, appended);
    return appended;
  }).immediate();
}

export function readHead(db: Db): ChainHead | null {
  const row = prepared(db, 'SELECT seq, hash FROM chain_head WHERE id = 1').get() as ChainHead | undefined;
  return row ?? null;
}
