import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChainHead, VerifyResult } from '../../../contract';
import { verifyChain } from '../../../main/timeline';
import { recomputeHash, type EventRowJson } from '../../helpers/logFormat';
import { exportKey, withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let keyHex: string;
/** The chain head as an outside record (backup manifest, report) would have kept it. */
let anchor: ChainHead;
let lastSeq: number;

beforeEach(async () => {
  v = await createTestVault();
  for (let n = 1; n <= 3; n += 1) {
    const i = await v.admin.call('incidents.create', { title: `Incident number ${n}`, severity: 'SEV3', category: 'malware' });
    await v.admin.call('incidents.addNote', { ref: i.ref, text: `first note on ${n}` });
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'triaged' });
  }
  keyHex = await exportKey(v.admin);
  // Locked: the attacker works on the file at rest.
  await v.admin.call('auth.logout', {});
  anchor = raw((db) => db.prepare('SELECT seq, hash FROM chain_head').get() as ChainHead);
  lastSeq = anchor.seq;
  expect(lastSeq).toBeGreaterThanOrEqual(14);
  expect(raw((db) => verifyChain(db, anchor))).toMatchObject({ ok: true, count: lastSeq, head: anchor });
});
afterEach(() => v.dispose());

const raw = <T>(fn: (db: RawDb) => T): T => withRawDb(v.dataDir, keyHex, fn);

/** Edits behind Firebreak's back, as someone holding the key would: first the guards go. */
function tamper(sql: string, ...args: unknown[]): void {
  raw((db) => {
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    db.prepare(sql).run(...args);
  });
}

/** log.verify through the API after signing in again (which appends its own events). */
async function apiVerify(): Promise<VerifyResult> {
  const admin = await v.signIn(ADMIN);
  return admin.call('log.verify', {});
}

const noteSeq = () => raw((db) => (db.prepare("SELECT seq FROM events WHERE type = 'incident.note' ORDER BY seq LIMIT 1 OFFSET 1").get() as { seq: number }).seq);

describe('append-only in SQL', () => {
  it('the triggers refuse UPDATE and DELETE of events', () => {
    raw((db) => {
      expect(() => db.prepare("UPDATE events SET data = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events WHERE seq = ?').run(lastSeq)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    });
    expect(raw((db) => verifyChain(db, anchor)).ok).toBe(true);
  });

  it('INSERT OR REPLACE, a delete in disguise, is refused too', () => {
    raw((db) => {
      // REPLACE removes the old row without firing DELETE triggers (recursive_triggers is off).
      const replace = () =>
        db.prepare(`INSERT OR REPLACE INTO events (seq, ts, actor, type, incident_ref, data, prev_hash, hash)
                    SELECT seq, ts, actor, type, incident_ref, '{"forged":true}', prev_hash, hash FROM events WHERE seq = 2`).run();
      expect(replace).toThrow(/append-only/);
      expect(db.prepare('SELECT data FROM events WHERE seq = 2').get()).not.toEqual({ data: '{"forged":true}' });
      expect(() => db.prepare("INSERT INTO events (seq, ts, actor, type, data, prev_hash, hash) VALUES (2, '', '', '', '{}', '', '') ON CONFLICT(seq) DO UPDATE SET data = excluded.data").run()).toThrow(/append-only/);
    });
  });
});

describe('tamper detection: verify names the first bad sequence number', () => {
  it('an edited event', async () => {
    const seq = noteSeq();
    tamper('UPDATE events SET data = ? WHERE seq = ?', JSON.stringify({ text: 'nothing happened here' }), seq);
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: false, firstBadSeq: seq, count: seq - 1 });
    const r = await apiVerify();
    expect(r).toMatchObject({ ok: false, firstBadSeq: seq });
    expect(r.problem).toMatch(/altered/);
  });

  it('an edited actor or timestamp, not only data', () => {
    const seq = noteSeq();
    tamper('UPDATE events SET actor = ?, ts = ? WHERE seq = ?', 'someone-else', '2020-01-01T00:00:00.000Z', seq);
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: false, firstBadSeq: seq });
  });

  it('a deleted event in the middle', async () => {
    const seq = noteSeq();
    tamper('DELETE FROM events WHERE seq = ?', seq);
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: false, firstBadSeq: seq });
    const r = await apiVerify();
    expect(r).toMatchObject({ ok: false, firstBadSeq: seq });
    expect(r.problem).toMatch(/missing/);
  });

  it('two events swapped (reordered)', async () => {
    const a = noteSeq();
    const b = a + 2;
    raw((db) => {
      db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
      db.transaction(() => {
        db.prepare('UPDATE events SET seq = -1 WHERE seq = ?').run(a);
        db.prepare('UPDATE events SET seq = ? WHERE seq = ?').run(a, b);
        db.prepare('UPDATE events SET seq = ? WHERE seq = -1').run(b);
      })();
    });
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: false, firstBadSeq: a });
    expect(await apiVerify()).toMatchObject({ ok: false, firstBadSeq: a });
  });

  it('two events data swapped, positions kept', () => {
    const a = noteSeq();
    const b = a + 3;
    raw((db) => {
      db.exec('DROP TRIGGER events_no_update;');
      const get = (seq: number) => (db.prepare('SELECT data FROM events WHERE seq = ?').get(seq) as { data: string }).data;
      const [da, dbb] = [get(a), get(b)];
      db.prepare('UPDATE events SET data = ? WHERE seq = ?').run(dbb, a);
      db.prepare('UPDATE events SET data = ? WHERE seq = ?').run(da, b);
    });
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: false, firstBadSeq: a });
  });

  it('the last events deleted without touching chain_head: names lastSeq + 1', async () => {
    const keep = lastSeq - 3;
    tamper('DELETE FROM events WHERE seq > ?', keep);
    const r = raw((db) => verifyChain(db));
    expect(r).toMatchObject({ ok: false, firstBadSeq: keep + 1, count: keep });
    expect(r.problem).toMatch(/cut off/);
    expect(await apiVerify()).toMatchObject({ ok: false, firstBadSeq: keep + 1 });
  });

  it('the last events deleted AND chain_head moved back: only an outside anchor shows the truncation', () => {
    const keep = lastSeq - 3;
    raw((db) => {
      db.exec('DROP TRIGGER events_no_delete;');
      db.prepare('DELETE FROM events WHERE seq > ?').run(keep);
      db.prepare('UPDATE chain_head SET seq = seq_, hash = hash_ FROM (SELECT seq AS seq_, hash AS hash_ FROM events WHERE seq = ?)').run(keep);
    });
    // Internally consistent: this is why the head is copied into backups and reports.
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: true, count: keep });
    const r = raw((db) => verifyChain(db, anchor));
    expect(r).toMatchObject({ ok: false, firstBadSeq: keep + 1 });
    expect(r.problem).toMatch(/anchor says \d+: events were cut off/);
  });

  it('a rewritten tail with recomputed hashes and head: the outside anchor still catches it', () => {
    const from = noteSeq();
    raw((db) => {
      db.exec('DROP TRIGGER events_no_update;');
      const rows = db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(from) as EventRowJson[];
      let prev = rows[0]!.prev_hash;
      db.transaction(() => {
        for (const r of rows) {
          const data = r.seq === from ? JSON.stringify({ text: 'rewritten history' }) : r.data;
          const hash = recomputeHash(prev, { ...r, data });
          db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(data, prev, hash, r.seq);
          prev = hash;
        }
        db.prepare('UPDATE chain_head SET hash = ?').run(prev);
      })();
    });
    // The forger's hashes, computed from the documented format, pass the internal check…
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: true, count: lastSeq });
    // …but not the head kept elsewhere.
    const r = raw((db) => verifyChain(db, anchor));
    expect(r).toMatchObject({ ok: false, firstBadSeq: anchor.seq });
    expect(r.problem).toMatch(/differs from the anchored head/);
  });

  it('an edit that recomputes only its own hash breaks the next link', () => {
    const seq = noteSeq();
    raw((db) => {
      db.exec('DROP TRIGGER events_no_update;');
      const r = db.prepare('SELECT * FROM events WHERE seq = ?').get(seq) as EventRowJson;
      const data = JSON.stringify({ text: 'quietly edited' });
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE seq = ?').run(data, recomputeHash(r.prev_hash, { ...r, data }), seq);
    });
    const r = raw((db) => verifyChain(db));
    expect(r).toMatchObject({ ok: false, firstBadSeq: seq + 1 });
    expect(r.problem).toMatch(/does not link/);
  });

  it('events appended outside Firebreak (past the recorded head)', () => {
    raw((db) => {
      const last = db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT 1').get() as EventRowJson;
      const row = { ...last, seq: last.seq + 1, data: JSON.stringify({ text: 'injected' }), type: 'incident.note' };
      db.prepare('INSERT INTO events (seq, ts, actor, type, incident_ref, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        row.seq, row.ts, row.actor, row.type, row.incident_ref, row.data, last.hash, recomputeHash(last.hash, row),
      );
    });
    expect(raw((db) => verifyChain(db))).toMatchObject({ ok: false, firstBadSeq: lastSeq + 1 });
  });
});
