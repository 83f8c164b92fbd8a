import type { Migration } from '../Migration';

/**
 * The personal fields of an incident when this step was written (contract PII_FIELDS). Frozen
 * here, as a released step never changes: a new personal field needs a new step that rebuilds the
 * index (test/unit/search/eventSearchProjection.test.ts fails until it has one).
 */
const PERSONAL_FIELDS = ['reporterName', 'reporterEmail', 'reporterPhone', 'affectedPeople'] as const;
const QUOTED = PERSONAL_FIELDS.map((f) => `'${f}'`).join(', ');
const ORDERED = PERSONAL_FIELDS.map((f, i) => `SELECT ${i} AS i, '${f}' AS f`).join(' UNION ALL ');

/**
 * SQL for what of an event's data (the JSON text in `d`) the search index holds: the data as a
 * role without `pii:read` is shown it (main/timeline maskEvent, kept equal to it by a test), so a
 * search can answer only on what every reader of the log may read. Personal values become null:
 * before/after of a change to a personal field, personal fields of a created record (with the
 * `redacted` list naming them), and the value of a runbook input marked `personal`.
 *
 * Plain SQLite JSON functions, no function of ours: the trigger below runs wherever an event is
 * appended, by any connection or tool, and each step leaves data without those parts unchanged.
 */
export function searchableDataSql(d: string): string {
  const change = `CASE
      WHEN c.type = 'object' AND json_extract(c.value, '$.field') IN (${QUOTED})
        THEN json_object('field', json_extract(c.value, '$.field'), 'before', NULL, 'after', NULL, 'redacted', json('true'))
      WHEN c.type IN ('object', 'array') THEN json(c.value)
      WHEN c.type IN ('true', 'false', 'null') THEN json(c.type)
      ELSE c.value END`;
  const changes = `(SELECT json_group_array(${change} ORDER BY c.key) FROM json_each(${d}, '$.changes') AS c)`;
  const redactedFields = `(SELECT json_group_array(p.f ORDER BY p.i) FROM (${ORDERED}) AS p WHERE json_type(${d}, '$.fields.' || p.f) IS NOT NULL)`;
  const personalValue = `(json_type(${d}, '$.personal') = 'true' AND json_type(${d}, '$.value') IS NOT NULL)`;
  const withoutChanges = `json_replace(${d}, '$.changes', CASE WHEN json_type(${d}, '$.changes') = 'array' THEN ${changes} ELSE json(${d} -> '$.changes') END)`;
  const withoutFields = `json_replace(${withoutChanges}, ${PERSONAL_FIELDS.map((f) => `'$.fields.${f}', NULL`).join(', ')})`;
  const withoutValue = `json_replace(${withoutFields}, '$.value', CASE WHEN ${personalValue} THEN NULL ELSE json(${d} -> '$.value') END)`;
  const marked = `json_patch(${withoutValue}, CASE
      WHEN ${personalValue} THEN json_object('redacted', json_array('value'))
      WHEN json_type(${d}, '$.fields') = 'object' THEN json_object('redacted', ${redactedFields})
      ELSE '{}' END)`;
  return `(CASE WHEN json_valid(${d}) AND json_type(${d}) = 'object' THEN ${marked} END)`;
}

/**
 * Full-text search over the log without personal data (issue 13, High 1). The index of step 40
 * held the raw event data: an auditor, who is shown personal fields masked, recovered reporters'
 * names, e-mail domains and phone numbers from which prefix searches matched. Search must never
 * answer on data the caller may not read — through results, counts, ordering or timing — and an
 * index that holds none cannot. Personal data is therefore searched for no one, not even roles
 * with `pii:read` (docs/security.md, "Search and personal data").
 *
 * The index is rebuilt from the log, which stays as it is (its hashes cover the data as written).
 * It is contentless: it holds the words only and reads nothing back from `events`, whose data
 * differs from what was indexed. secure_delete zeroes the pages the old index frees, so its
 * words do not linger in the file.
 */
export const eventSearchWithoutPersonalData: Migration = {
  version: 240,
  name: 'event-search-without-personal-data',
  up(db) {
    const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    try {
      db.exec(`
        DROP TRIGGER events_fts_ai;
        DROP TABLE events_fts;
        CREATE VIRTUAL TABLE events_fts USING fts5(type, actor, body, content='');
        CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
          INSERT INTO events_fts(rowid, type, actor, body) VALUES (new.seq, new.type, new.actor, ${searchableDataSql('new.data')});
        END;
        INSERT INTO events_fts(rowid, type, actor, body) SELECT seq, type, actor, ${searchableDataSql('data')} FROM events ORDER BY seq;
      `);
    } finally {
      db.pragma(`secure_delete = ${secureDelete}`);
    }
  },
};
