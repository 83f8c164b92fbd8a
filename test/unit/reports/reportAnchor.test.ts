import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainHead } from '../../../contract';
import { hashEvent, verifyChain } from '../../../main/timeline';
import { exportKey, withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';
import { reportOf } from './reportFixture';

let v: TestVault;
let keyHex: string;
let anchor: ChainHead;
let sha256: string;
let noteSeq: number;

beforeAll(async () => {
  v = await createTestVault();
  const incident = await v.admin.call('incidents.create', { title: 'Phishing wave', severity: 'SEV3', category: 'phishing' });
  const note = await v.admin.call('incidents.addNote', { ref: incident.ref, text: 'Forty users clicked the link' });
  noteSeq = note.seq;
  await v.admin.call('incidents.setStatus', { ref: incident.ref, status: 'triaged' });
  const report = await reportOf(v.admin, incident.ref, 'md');
  anchor = report.anchor;
  sha256 = report.sha256;
  await v.admin.call('incidents.addNote', { ref: incident.ref, text: 'Later events do not matter to the anchor' });
  keyHex = await exportKey(v.admin);
  await v.admin.call('auth.logout', {});
});
afterAll(() => v.dispose());

const raw = <T>(fn: (db: RawDb) => T): T => withRawDb(v.dataDir, keyHex, fn);

async function check() {
  const admin = await v.signIn(ADMIN);
  return admin.call('log.verifyAnchor', { ...anchor, reportSha256: sha256 });
}

describe('a report\'s anchor against the log (a real SQLCipher file, edited behind Firebreak\'s back)', () => {
  it('verifies while the log is intact, also after more events were appended', async () => {
    expect(anchor.seq).toBeGreaterThan(noteSeq);
    const r = await check();
    expect(r).toMatchObject({ ok: true, chain: { ok: true }, event: { seq: anchor.seq }, report: { anchor } });
  });

  it('an anchor that does not match an intact log says so without claiming the log was altered', async () => {
    const admin = await v.signIn(ADMIN);
    const wrong = await admin.call('log.verifyAnchor', { seq: anchor.seq, hash: 'a'.repeat(64) });
    expect(wrong).toMatchObject({ ok: false, chain: { firstBadSeq: anchor.seq } });
    expect(wrong.message).toMatch(/The log is consistent in itself, so either it was rewritten from that event on .*or the anchor was copied wrong or comes from another vault/);
  });

  it('fails, naming the event, when someone rewrites an event before the anchor and every hash after it (plain verify passes)', async () => {
    raw((db) => {
      db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
      // The attacker edits the note and recomputes the whole rest of the chain and its head:
      // the log is consistent again, so only an anchor kept outside it can tell.
      const rows = db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(noteSeq) as { seq: number; ts: string; actor: string; type: string; incident_ref: string | null; data: string; prev_hash: string }[];
      let prev = (db.prepare('SELECT hash FROM events WHERE seq = ?').get(noteSeq - 1) as { hash: string }).hash;
      const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      for (const row of rows) {
        const data = row.seq === noteSeq ? JSON.stringify({ text: 'Nobody clicked anything' }) : row.data;
        const hash = hashEvent(prev, { seq: row.seq, ts: row.ts, actor: row.actor, type: row.type, incidentRef: row.incident_ref, data: JSON.parse(data) as Record<string, unknown> });
        update.run(data, prev, hash, row.seq);
        prev = hash;
      }
      db.prepare('UPDATE chain_head SET hash = ? WHERE id = 1').run(prev);
      expect(verifyChain(db).ok).toBe(true);
    });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.chain).toMatchObject({ ok: false, firstBadSeq: anchor.seq });
    expect(r.event?.seq).toBe(anchor.seq);
    expect(r.message).toMatch(new RegExp(`^NOT VERIFIED: event #${anchor.seq} of this log has hash [0-9a-f]{64}, not the anchored ${anchor.hash}\\. The log is consistent in itself, so either it was rewritten`));
  });

  it('truncating the log below the anchor fails with "cut off"', async () => {
    raw((db) => {
      db.prepare('DELETE FROM events WHERE seq >= ?').run(anchor.seq - 1);
      db.prepare('UPDATE chain_head SET seq = ?, hash = (SELECT hash FROM events WHERE seq = ?) WHERE id = 1').run(anchor.seq - 2, anchor.seq - 2);
    });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.chain.problem).toMatch(/cut off/);
    expect(r.message).toMatch(/NOT VERIFIED/);
  });

  it('fails when an event before the anchor is edited in place (the chain breaks there)', async () => {
    raw((db) => db.prepare('UPDATE events SET data = ? WHERE seq = ?').run(JSON.stringify({ text: 'edited again' }), noteSeq - 1));
    const r = await check();
    expect(r).toMatchObject({ ok: false, chain: { ok: false, firstBadSeq: noteSeq - 1 } });
    expect(r.message).toMatch(new RegExp(`^NOT VERIFIED: the log was altered at or before the anchored event: event #${noteSeq - 1} \\(event ${noteSeq - 1} was altered`));
  });
});
