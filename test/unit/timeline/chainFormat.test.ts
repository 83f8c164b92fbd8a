import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonical, GENESIS, recomputeHash, sha256hex, type EventRowJson } from '../../helpers/logFormat';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';

type Row = EventRowJson;

let v: TestVault;
let rows: Row[];
let head: { seq: number; hash: string };

beforeAll(async () => {
  v = await createTestVault();
  const i = await v.admin.call('incidents.create', {
    title: 'Überweisungsbetrug «CEO» 🔥', severity: 'SEV1', category: 'business-email-compromise',
    summary: 'quotes " and \\ backslash, tab\t, newline\n, control \u0001, emoji 🧯, RTL \u202e',
    tags: ['zeta', 'Alpha', 'ä'], affected: [{ jurisdiction: 'DE', count: 12345678 }, { jurisdiction: 'US-NY', count: 0 }],
    reporterName: 'Ana Ñúñez', reporterEmail: 'ana@example.com', affectedPeople: ['Łukasz', '李雷'],
  });
  await v.admin.call('incidents.update', { ref: i.ref, patch: { severity: 'SEV2', dataCategories: ['financial', 'contact'], owner: 'admin' } });
  await v.admin.call('incidents.addNote', { ref: i.ref, text: '{"looks":"like json"} but is text' });
  await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', skipPhases: true });
  const keyHex = await exportKey(v.admin);
  ({ rows, head } = withRawDb(v.dataDir, keyHex, (db) => ({
    rows: db.prepare('SELECT * FROM events ORDER BY seq').all() as Row[],
    head: db.prepare('SELECT seq, hash FROM chain_head').get() as { seq: number; hash: string },
  })));
});
afterAll(() => v.dispose());

// Every hash recomputed from the documented rules (test/helpers/logFormat.ts), never with hashEvent.
describe('log format, recomputed independently', () => {
  it('pins the first event byte for byte', () => {
    const first = rows[0]!;
    expect(first).toMatchObject({ seq: 1, actor: 'system', type: 'vault.unlocked', incident_ref: null, data: '{}', prev_hash: GENESIS });
    const body = `{"actor":"system","data":{},"incidentRef":null,"seq":1,"ts":"${first.ts}","type":"vault.unlocked"}`;
    expect(first.hash).toBe(sha256hex(GENESIS + body));
  });

  it('every stored hash equals SHA-256(prev_hash ‖ canonical JSON), and every link holds', () => {
    expect(rows.length).toBeGreaterThanOrEqual(8);
    let prev = GENESIS;
    rows.forEach((r, index) => {
      expect(r.seq).toBe(index + 1);
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(recomputeHash(prev, r), `seq ${r.seq} (${r.type})`).toBe(r.hash);
      prev = r.hash;
    });
    expect(head).toEqual({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
  });

  it('covers nested objects, unicode and escapes (the events above hold them)', () => {
    const created = rows.find((r) => r.type === 'incident.created')!;
    const canon = canonical({ data: JSON.parse(created.data) as unknown });
    expect(canon).toContain('"affected":[{"count":12345678,"jurisdiction":"DE"},{"count":0,"jurisdiction":"US-NY"}]');
    expect(canon).toContain('"title":"Überweisungsbetrug «CEO» 🔥"');
    expect(canon).toContain('\\u0001');
  });

  it('log.verify agrees with the recomputation', async () => {
    const r = await v.admin.call('log.verify', {});
    expect(r.ok).toBe(true);
    expect(r.head).toEqual(head);
    expect(r.count).toBe(rows.length);
  });
});
