import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PII_FIELDS, type TimelineEvent } from '../../../contract';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { searchableDataSql } from '../../../main/store/migrations/0240-event-search-without-personal-data';
import { appendEvent, maskEvent, type NewEvent } from '../../../main/timeline';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

/**
 * The search index holds each event's data as a role without pii:read is shown it. The index is
 * built by SQL (a trigger, so every append is covered) and the masking by TypeScript (maskEvent);
 * this holds the two equal over every shape personal data takes in an event, so a personal field
 * added to the contract fails here until a migration rebuilds the index with it.
 */
let dir: string;
let db: Db;
beforeAll(() => {
  dir = makeTempDataDir('search-projection');
  db = openDatabase(join(dir, 'firebreak.db'), randomBytes(32).toString('hex'));
  migrate(db);
});
afterAll(() => {
  db.close();
  removeTempDataDir(dir);
});

/** A word per personal value, found nowhere else, so the index can be searched for each. */
const secret = (f: string) => `Secret${f}Word`;
const everyPersonalField = Object.fromEntries(PII_FIELDS.map((f) => [f, f === 'affectedPeople' ? [secret(f), `Other${f}Person`] : secret(f)]));

const SHAPES: Record<string, NewEvent['data']> = {
  'a created incident with every personal field': { fields: { title: 'Laptop left on a train', severity: 'SEV2', ...everyPersonalField, affected: [{ jurisdiction: 'DE', count: 3 }] } },
  'a created incident with one personal field': { fields: { title: 'Phishing', reporterName: 'SecretSoloName', affectedPeople: [] }, mapped: [{ given: 'UK', code: 'GB' }] },
  'a created incident without personal fields': { fields: { title: 'Malware on a kiosk', tags: ['kiosk'] } },
  'personal fields that are empty': { fields: { title: 'Empty', reporterEmail: null, reporterPhone: '' } },
  'changes to personal and other fields': {
    changes: [
      ...PII_FIELDS.map((f) => ({ field: f, before: f === 'affectedPeople' ? [] : null, after: everyPersonalField[f] })),
      { field: 'title', before: 'Old title', after: 'New title' },
      { field: 'severity', before: 'SEV3', after: 'SEV1' },
    ],
    reason: 'the reporter called back',
  },
  'no changes': { changes: [] },
  'changes that are not objects': { changes: ['plain', 7, true, false, [1, 2], { nested: { field: 'reporterName' } }] },
  'changes that are not a list': { changes: { field: 'reporterName', before: 'x', after: 'y' } },
  'a personal runbook answer': { run: 'r1', runbook: 'lost-device', n: 3, title: 'When and where was it last seen?', step: 'last-seen', value: 'SecretLastSeenPlace', personal: true },
  'a personal answer that is a structure': { run: 'r1', n: 4, step: 'who', value: { name: 'SecretStructuredName', count: 2 }, personal: true },
  'a personal step without a value': { run: 'r1', n: 5, step: 'x', personal: true },
  'an answer not marked personal': { run: 'r1', n: 6, step: 'device-type', value: 'laptop', personal: false },
  'personal written as a string is not the marker': { value: 'kept as is', personal: 'true' },
  'fields and a personal answer together': { fields: { reporterName: 'SecretBothName', title: 'Both' }, value: 'SecretBothValue', personal: true },
  'fields that are null': { fields: null, text: 'note' },
  'a note with awkward text': { text: 'Quotes " and \\ backslashes, ünïcödé, emoji 🔥, tab\tand\nnewline', numbers: [0, -1, 1.5, 1e-7, 12345678901] },
  'no data': {},
};

describe('the searchable data of an event is what a role without pii:read is shown', () => {
  const events = new Map<string, TimelineEvent>();
  beforeAll(() => {
    for (const [name, data] of Object.entries(SHAPES)) events.set(name, appendEvent(db, { actor: 'rita', type: 'test.shape', data }));
  });

  it.each(Object.keys(SHAPES))('%s', (name) => {
    const e = events.get(name)!;
    const row = db.prepare(`SELECT ${searchableDataSql('data')} AS body FROM events WHERE seq = ?`).get(e.seq) as { body: string };
    expect(JSON.parse(row.body)).toEqual(maskEvent(e).data);
  });

  it('the index built by the trigger holds none of the personal words, and the others', () => {
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.shape_terms USING fts5vocab(main, 'events_fts', 'row')");
    const terms = new Set((db.prepare('SELECT term FROM temp.shape_terms').all() as { term: string }[]).map((r) => r.term));
    const hidden = [...PII_FIELDS.map(secret), 'otheraffectedpeopleperson', 'secretsoloname', 'secretlastseenplace', 'secretstructuredname', 'secretbothname', 'secretbothvalue'];
    for (const word of hidden) expect(terms.has(word.toLowerCase()), word).toBe(false);
    for (const word of ['laptop', 'train', 'kiosk', 'reporterphone', 'redacted', 'backslashes', 'rita', 'shape']) expect(terms.has(word), word).toBe(true);
    // The log keeps every value as written.
    expect(db.prepare("SELECT count(*) AS n FROM events WHERE data LIKE '%SecretBothValue%'").get()).toEqual({ n: 1 });
  });
});
