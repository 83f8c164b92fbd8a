import type { PiiScrubber } from '../../contract';
import { searchableDataSql } from './migrations/0240-event-search-without-personal-data';
import type { Db } from './openDatabase';

const PAGE = 500;

const prepare = (db: Db, sql: string) => db.prepare<unknown[]>(sql);
type Statement = ReturnType<typeof prepare>;
/** Prepared once per connection: these run on appends, and the projection is long to compile. */
const statements = new WeakMap<Db, Map<string, Statement>>();
function prepared(db: Db, sql: string): Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map<string, Statement>()));
  let statement = byDb.get(sql);
  if (!statement) byDb.set(sql, (statement = prepare(db, sql)));
  return statement;
}

/**
 * The search indexes hold what a role without `pii:read` is shown (docs/security.md, "Search and
 * personal data"). Triggers index every event's data with its personal fields masked and every
 * incident's title and tags as they are; what is typed into free text — a reporter's name in a
 * note, a phone number in a title — is masked only for the incident whose personal values those
 * are (contract PiiScrubber, as main/api piiView masks it), which SQL cannot do. These two put the
 * scrubbed text in place of the triggers' for one incident: its events, and its title and tags.
 * Both are idempotent; they run as events are appended (main/timeline scrubSearchIndex) and when
 * migration 0241 builds the indexes.
 */

/**
 * Re-indexes the events of `ref` (or only the one at `onlySeq`) whose data, as shown masked,
 * differs from what is indexed (it holds a value `scrubber` masks, or was indexed withheld).
 * Returns how many were rewritten.
 *
 * The index is contentless with secure-delete (migration 0241): a row is deleted by giving the
 * text it was indexed with, and its words are then gone from the file. That text is the trigger's
 * projection, or the scrubbed text kept in events_search_body where the two differ.
 */
export function rescrubEvents(db: Db, ref: string, scrubber: PiiScrubber, onlySeq?: number, everyRow = false): number {
  // A blind scrubber (values sealed to a key not held here) withholds every text; `everyRow` walks
  // the rows even with nothing to mask, to put back text indexed withheld (main/timeline rescrubWithheldSearch).
  if (scrubber.size === 0 && !scrubber.isBlind && !everyRow) return 0;
  const select = `SELECT e.seq, e.type, e.actor, ${searchableDataSql('e.data')} AS projected, s.body AS kept
    FROM events e LEFT JOIN events_search_body s ON s.seq = e.seq`;
  const page = onlySeq === undefined
    ? prepared(db, `${select} WHERE e.incident_ref = ? AND e.seq > ? ORDER BY e.seq LIMIT ${PAGE}`)
    : prepared(db, `${select} WHERE e.incident_ref = ? AND e.seq = ?`);
  const remove = prepared(db, "INSERT INTO events_fts (events_fts, rowid, type, actor, body) VALUES ('delete', ?, ?, ?, ?)");
  const insert = prepared(db, 'INSERT INTO events_fts (rowid, type, actor, body) VALUES (?, ?, ?, ?)');
  const keep = prepared(db, 'INSERT INTO events_search_body (seq, body) VALUES (?, ?) ON CONFLICT(seq) DO UPDATE SET body = excluded.body');
  let rewritten = 0;
  for (let after = 0; ; ) {
    const rows = page.all(ref, onlySeq ?? after) as { seq: number; type: string; actor: string; projected: string | null; kept: string | null }[];
    for (const row of rows) {
      if (row.projected === null) continue;
      const indexed = row.kept ?? JSON.stringify(JSON.parse(row.projected));
      const scrubbed = JSON.stringify(scrubber.scrubDeep(JSON.parse(row.projected) as unknown));
      if (scrubbed === indexed) continue;
      remove.run(row.seq, row.type, row.actor, row.kept ?? row.projected);
      insert.run(row.seq, row.type, row.actor, scrubbed);
      keep.run(row.seq, scrubbed);
      rewritten += 1;
    }
    if (onlySeq !== undefined || rows.length < PAGE) return rewritten;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * Sets the incident's searchable title and tags (what the list's text filter and its sort by
 * title read) to its title and tags with `scrubber`'s values masked, as a role without `pii:read`
 * is shown them; a trigger re-indexes them in incidents_fts.
 */
export function rescrubIncident(db: Db, ref: string, scrubber: PiiScrubber): void {
  const row = prepared(db, 'SELECT id, title, tags, search_title, search_tags FROM incidents WHERE ref = ?').get(ref) as
    | { id: number; title: string; tags: string; search_title: string; search_tags: string }
    | undefined;
  if (!row) return;
  const title = scrubber.scrub(row.title);
  const tags = scrubber.size === 0 && !scrubber.isBlind ? row.tags : JSON.stringify((JSON.parse(row.tags) as string[]).map((t) => scrubber.scrub(t)));
  if (title !== row.search_title || tags !== row.search_tags) {
    prepared(db, 'UPDATE incidents SET search_title = ?, search_tags = ? WHERE id = ?').run(title, tags, row.id);
  }
}
