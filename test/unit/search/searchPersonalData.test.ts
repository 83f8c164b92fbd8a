import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage, TimelineEvent } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * Issue 13, High 1: an auditor rebuilt masked personal data through audit-log search (prefix
 * queries over an index of the raw event data). The values are made of words found nowhere else
 * in the vault, so any hit on them can only come from the personal data itself.
 */
const PERSON = {
  reporterName: 'Zelda Quillfeather',
  reporterEmail: 'zelda.quillfeather@wexbridge-clinic.org',
  reporterPhone: '+44 20 7946 0958',
  affectedPeople: ['Ingrid Ostrovaya', 'Tomasz Wielkopolski'],
};
const NEW_PHONE = '+44 20 7946 3371';
const LAST_SEEN = 'left at Marisol Okonkwo flat in Brixhollow';
/** Named in a note first, and only later recorded as a person affected. */
const LATE_PERSON = 'Hedda Brannigan';
/** Every word of personal data above that a search could be asked for. */
const SECRET_WORDS = [
  'zelda', 'quillfeather', 'wexbridge', 'clinic', '7946', '0958', '3371', 'ingrid', 'ostrovaya', 'tomasz', 'wielkopolski', 'marisol', 'okonkwo', 'brixhollow',
  'hedda', 'brannigan', 'aaron', 'abbotsleigh', 'yusuf', 'zimmerlund',
];

let v: TestVault;
let ref: string;
let auditor: TestClient;
let responder: TestClient;

beforeAll(async () => {
  v = await createTestVault();
  auditor = await v.addUser('audrey', 'auditor');
  responder = await v.addUser('rita', 'responder');
  ref = (await responder.call('incidents.create', { title: 'Stolen laptop from the ward office', severity: 'SEV2', category: 'lost-device', ...PERSON })).ref;
  await responder.call('incidents.update', { ref, patch: { reporterPhone: NEW_PHONE, title: 'Stolen laptop from the night ward office' }, reason: 'reporter gave a direct line' });
  await responder.call('incidents.addNote', { ref, text: 'Asked facilities for the badge log of the ward' });
  // Personal values typed into free text, which roles without pii:read are shown masked
  // (main/api piiView): before they were recorded as personal, and after.
  await responder.call('incidents.addNote', { ref, text: `Caller said: ${LAST_SEEN}` });
  await responder.call('incidents.addNote', { ref, text: `${LATE_PERSON} at the front desk saw it taken` });
  const run = await responder.call('runs.start', { ref, runbookId: 'lost-device' });
  await responder.call('runs.act', { runId: run.id, action: { type: 'done', step: 'last-seen', value: LAST_SEEN } });
  await responder.call('incidents.update', { ref, patch: { affectedPeople: [...PERSON.affectedPeople, LATE_PERSON], tags: [PERSON.reporterName, 'hardware'] } });
  await responder.call('incidents.addNote', { ref, text: `${PERSON.reporterName} called back from ${NEW_PHONE}, and wrote from ${PERSON.reporterEmail}` });
  // Two incidents whose titles begin with their reporters' names, the later name first in the alphabet.
  for (const name of ['Yusuf Zimmerlund', 'Aaron Abbotsleigh']) {
    await responder.call('incidents.create', { title: `${name} phone stolen on a train`, severity: 'SEV3', category: 'lost-device', reporterName: name });
  }
});
afterAll(() => v.dispose());

const search = async (who: TestClient, text: string, limit = 500): Promise<EventPage> => who.call('audit.list', { text, offset: 0, limit });
/** The words of what the caller is shown of an event, as FTS5's unicode61 tokenizer splits them. */
const shownWords = (e: TimelineEvent): string[] => `${e.type} ${e.actor} ${JSON.stringify(e.data)}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

describe('audit search answers only on what the caller may read', () => {
  it('an auditor probing personal data word by word, prefix by prefix, learns nothing', async () => {
    const baseline = await search(auditor, 'qxzvbnq*');
    expect(baseline.total).toBe(0);
    for (const word of SECRET_WORDS) {
      // The whole word, and every prefix as the automated attack walked them (z*, ze*, zel* …).
      for (const probe of [word, ...Array.from({ length: word.length }, (_, i) => `${word.slice(0, i + 1)}*`)]) {
        const page = await search(auditor, probe);
        const stem = probe.replace(/\*$/, '');
        // Every hit is explained by a word the auditor is shown: the count, the rows and their
        // order then say nothing about the masked values.
        for (const e of page.rows) {
          const words = shownWords(e);
          expect(probe.endsWith('*') ? words.some((w) => w.startsWith(stem)) : words.includes(stem), `${probe} matched #${e.seq} ${e.type} through text the auditor cannot read`).toBe(true);
        }
        expect(page.total, probe).toBe(page.rows.length);
      }
      // A distinctive whole word finds exactly as much as a random string: nothing.
      expect((await search(auditor, word)).total, word).toBe(baseline.total);
    }
  });

  it('the index itself holds none of the personal data (read from the file with the key in hand)', async () => {
    const keyHex = await exportKey(v.admin);
    const terms = withRawDb(v.dataDir, keyHex, (db) => {
      db.exec("CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, 'events_fts', 'row')");
      return (db.prepare('SELECT term FROM temp.search_terms').all() as { term: string }[]).map((r) => r.term);
    });
    expect(terms).toEqual(expect.arrayContaining(['laptop', 'ward', 'badge', 'rita', 'reporterphone']));
    for (const word of SECRET_WORDS) expect(terms.filter((t) => t.includes(word)), word).toEqual([]);
    // The log itself is untouched: the values are still in it, and the chain verifies.
    expect(JSON.stringify(await v.admin.call('timeline.forIncident', { ref }))).toContain(NEW_PHONE);
    expect(await v.admin.call('log.verify', {})).toMatchObject({ ok: true });
  });

  it('an administrator (pii:read, the one role that also has audit:read) finds the same non-personal text; personal data is searched for no one', async () => {
    const types = async (who: TestClient, text: string) => (await search(who, text)).rows.filter((e) => e.incidentRef === ref).map((e) => e.type);
    for (const who of [v.admin, auditor]) {
      expect(await types(who, 'ward')).toEqual(['incident.note', 'incident.updated', 'incident.created']);
      expect(await types(who, 'night ward')).toEqual(['incident.updated']);
      expect(await types(who, 'badge')).toEqual(['incident.note']);
      expect(await types(who, 'direct line')).toEqual(['incident.updated']);
      expect(await types(who, 'war*')).toEqual(['incident.note', 'incident.updated', 'incident.created']);
      // The field that changed is named in what everyone is shown; its values are not searched.
      expect(await types(who, 'reporterPhone')).toEqual(['incident.updated', 'incident.created']);
      // The runbook step is found by its title, not by the personal answer.
      expect(await types(who, 'last seen')).toContain('runbook.step_done');
      for (const word of SECRET_WORDS) expect((await search(who, word)).total, word).toBe(0);
    }
    // What the administrator is shown of those events still holds the values: search leaves reading alone.
    const created = (await search(v.admin, 'ward')).rows.find((e) => e.type === 'incident.created')!;
    expect(created.data.fields).toMatchObject({ reporterName: PERSON.reporterName });
  });
});

describe('personal values typed into free text are searched no more than the fields they come from', () => {
  it('the notes are found by their other words, never by the values masked in them; also a value recorded after the note', async () => {
    for (const who of [auditor, v.admin]) {
      const notes = async (text: string) => (await search(who, text)).rows.filter((e) => e.type === 'incident.note').map((e) => e.data.text);
      expect(await notes('front desk')).toHaveLength(1);
      expect(await notes('caller said')).toHaveLength(1);
      expect(await notes('called back')).toHaveLength(1);
      for (const word of ['hedda', 'brannigan', 'brixhollow', 'quillfeather', '3371']) expect((await search(who, word)).total, word).toBe(0);
    }
    // The auditor is shown those notes masked; the administrator as written.
    expect((await search(auditor, 'front desk')).rows[0]!.data.text).toBe('[personal data withheld] at the front desk saw it taken');
    expect((await search(v.admin, 'front desk')).rows[0]!.data.text).toBe(`${LATE_PERSON} at the front desk saw it taken`);
  });

  it('the incident list neither finds nor orders incidents by names in their titles and tags', async () => {
    const list = (who: TestClient, q: { text?: string; sort?: { field: 'title'; dir: 'asc' | 'desc' } }) => who.call('incidents.list', { offset: 0, limit: 50, ...q });
    for (const who of [auditor, v.admin]) {
      for (const text of ['quillfeather', 'Zelda', 'aaron', 'Abbotsleigh', 'zimmerlund', 'Aa', 'yu']) expect((await list(who, { text })).total, text).toBe(0);
      expect((await list(who, { text: 'hardware' })).rows.map((r) => r.ref)).toEqual([ref]);
      // Equal as shown, so ordered by reference both ways; by the hidden names, Aaron would come first.
      const trains = (dir: 'asc' | 'desc') => list(who, { text: 'phone stolen', sort: { field: 'title', dir } });
      const asc = await trains('asc');
      expect(asc.rows.map((r) => r.ref)).toEqual(['IR-2026-0002', 'IR-2026-0003']);
      expect((await trains('desc')).rows.map((r) => r.ref)).toEqual(['IR-2026-0003', 'IR-2026-0002']);
    }
    expect((await list(auditor, { text: 'phone stolen' })).rows.map((r) => r.title)).toEqual(['[personal data withheld] phone stolen on a train', '[personal data withheld] phone stolen on a train']);
  });

  it('the words a rescrub removes are gone from the index pages, not only marked deleted (read from the file)', async () => {
    const keyHex = await exportKey(v.admin);
    const { pages, kept, trigrams } = withRawDb(v.dataDir, keyHex, (db) => {
      db.exec("CREATE VIRTUAL TABLE temp.title_terms USING fts5vocab(main, 'incidents_fts', 'row')");
      return {
        pages: Buffer.concat([
          ...(db.prepare('SELECT block FROM events_fts_data').pluck().all() as (Buffer | null)[]),
          ...(db.prepare('SELECT block FROM incidents_fts_data').pluck().all() as (Buffer | null)[]),
        ].filter((b): b is Buffer => b !== null)).toString('latin1').toLowerCase(),
        kept: (db.prepare('SELECT body FROM events_search_body').pluck().all() as string[]).join('\n').toLowerCase(),
        trigrams: db.prepare('SELECT term FROM temp.title_terms').pluck().all() as string[],
      };
    });
    // The note naming Hedda Brannigan was indexed as written before she was recorded: its words must
    // not survive in the pages. Terms are stored prefix-compressed, so each word's last four letters.
    for (const word of SECRET_WORDS.filter((w) => /^[a-z]+$/.test(w))) {
      expect(pages.includes(word.slice(-4)), word).toBe(false);
      expect(kept.includes(word), word).toBe(false);
    }
    expect(kept).toContain('[personal data withheld] at the front desk saw it taken');
    expect(trigrams).toEqual(expect.arrayContaining(['tra', 'rai', 'ain']));
    for (const t of ['llf', 'lfe', 'zim', 'mme', 'rlu', 'bbo', 'tsl', 'yus', 'usu']) expect(trigrams, t).not.toContain(t);
  });

  it('an auditor probing the incident list with every prefix of a name typed in titles and tags learns nothing', async () => {
    const list = (text: string) => auditor.call('incidents.list', { offset: 0, limit: 50, text });
    const baseline = await list('qxzvbnq');
    expect(baseline.total).toBe(0);
    for (const word of ['zelda', 'quillfeather', 'aaron', 'abbotsleigh', 'yusuf', 'zimmerlund']) {
      for (let n = 1; n <= word.length; n += 1) {
        const probe = word.slice(0, n);
        const page = await list(probe);
        // Every hit is explained by what the auditor is shown of it (the list matches substrings).
        for (const r of page.rows) expect(`${r.ref} ${r.title} ${r.tags.join(' ')}`.toLowerCase(), `${probe} matched ${r.ref} through text the auditor cannot read`).toContain(probe);
        expect(page.total, probe).toBe(page.rows.length);
      }
      expect((await list(word)).total, word).toBe(baseline.total);
    }
  });
});

describe('search text that cannot be right is refused, never an internal error', () => {
  const log = () => {
    try {
      return readFileSync(join(v.dataDir, 'logs', 'firebreak.log'), 'utf8');
    } catch {
      return '';
    }
  };

  it('a NUL character: VALIDATION naming the fix, in the audit log search, its type filter and the incident list', async () => {
    const before = log();
    for (const text of ['\u0000', 'zel\u0000da', 'laptop \u0000*']) {
      const audit = expectFailure(await auditor.raw('audit.list', { text }), 'VALIDATION');
      expect(audit.message).toBe('invalid input for audit.list: text: contains a NUL character (U+0000), which cannot be searched for: remove it and search again');
      const list = expectFailure(await auditor.raw('incidents.list', { text }), 'VALIDATION');
      expect(list.message).toMatch(/^invalid input for incidents\.list: text: contains a NUL character \(U\+0000\).*remove it/);
    }
    expect(expectFailure(await auditor.raw('audit.list', { type: 'incident.note\u0000' }), 'VALIDATION').message).toMatch(/type: contains a NUL character/);
    // Nothing unexpected happened, so nothing was logged as an error.
    expect(log()).toBe(before);
  });

  it('a lone * (a prefix of nothing) is refused, saying how a prefix search is written', async () => {
    for (const text of ['*', '**', 'laptop *']) {
      const e = expectFailure(await auditor.raw('audit.list', { text }), 'VALIDATION');
      expect(e.message).toBe('invalid input for audit.list: text: * stands for the rest of a word and needs its start before it: write lapt* to find laptop and laptops');
    }
    // In the incident list * is an ordinary character (there is no prefix syntax there).
    expect((await auditor.call('incidents.list', { text: '*', offset: 0, limit: 5 })).total).toBe(0);
  });

  it('FTS5 syntax in the text is searched as words: no syntax error, no column filter, no INTERNAL', async () => {
    const before = log();
    for (const text of ['"', 'laptop"', '"unbalanced quote', 'NEAR(', 'NEAR(laptop ward)', '(', ')', 'AND', 'laptop OR zelda', 'NOT ward', '-ward', '^ward', '+', ':', "'", '{type actor}: audrey', 'body:laptop', 'data:laptop', 'events_fts:laptop', 'rank:1', '\u0001ward']) {
      const r = await auditor.raw('audit.list', { text, offset: 0, limit: 50 });
      expect(r.ok, `${JSON.stringify(text)}: ${r.ok ? '' : r.error.message}`).toBe(true);
      const l = await auditor.raw('incidents.list', { text, offset: 0, limit: 50 });
      expect(l.ok, `incidents.list ${JSON.stringify(text)}`).toBe(true);
    }
    expect(log()).toBe(before);
    // A column filter would have found audrey's events through the actor column; the phrase
    // "actor audrey" is in no event.
    expect((await search(auditor, 'audrey')).total).toBeGreaterThan(0);
    expect((await search(auditor, 'actor:audrey')).total).toBe(0);
    // `OR` is a word here, not an operator: the personal word cannot be reached through it either.
    expect((await search(auditor, 'laptop OR zelda')).total).toBe(0);
  });
});
