import { createHash, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, randomUUID, createCipheriv, type KeyObject } from 'node:crypto';
import type { Db } from '../openDatabase';
import type { Migration } from '../Migration';

/*
 * Self-contained on purpose, like every step (a released step never changes): the sealing, the
 * canonical JSON and the hash are copied here as they were at version 300 (main/pii/sealTo.ts,
 * envelopes.ts, main/timeline/canonicalJson.ts, hashEvent.ts).
 */
const PERSONAL_FIELDS = ['reporterName', 'reporterEmail', 'reporterPhone', 'affectedPeople'] as const;
const COLUMNS: Record<(typeof PERSONAL_FIELDS)[number], string> = {
  reporterName: 'reporter_name', reporterEmail: 'reporter_email', reporterPhone: 'reporter_phone', affectedPeople: 'affected_people',
};
const GENESIS = '0'.repeat(64);

function canonical(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}

interface Row { seq: number; ts: string; actor: string; type: string; incident_ref: string | null; data: string; prev_hash: string; hash: string }

/** SHA-256(prev ‖ canonical event), and for a re-anchored event ‖ its v1 hash (docs/log-format.md). */
function hashOf(prev: string, r: Row, data: unknown, v1: string | null): string {
  const body = canonical({ seq: r.seq, ts: r.ts, actor: r.actor, type: r.type, incidentRef: r.incident_ref, data });
  const h = createHash('sha256').update(prev, 'ascii').update(body, 'utf8');
  if (v1 !== null) h.update(v1, 'ascii');
  return h.digest('hex');
}

function gcm(key: Buffer, plain: Buffer, aad: string): { nonce: string; ciphertext: string; tag: string } {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { nonce: nonce.toString('base64'), ciphertext: ct.toString('base64'), tag: c.getAuthTag().toString('base64') };
}

function sealTo(recipient: string, plain: Buffer, aad: string): string {
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'jwk' }).x ?? '';
  const pub: KeyObject = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: recipient }, format: 'jwk' });
  const salt = Buffer.concat([Buffer.from(epk, 'base64url'), Buffer.from(recipient, 'base64url')]);
  const key = Buffer.from(hkdfSync('sha256', diffieHellman({ privateKey: eph.privateKey, publicKey: pub }), salt, Buffer.from(aad, 'utf8'), 32));
  return JSON.stringify({ epk, ...gcm(key, plain, aad) });
}

/**
 * Personal data leaves the clear (issue 13, High 2): reporter name, e-mail, phone and the people
 * affected are sealed per incident under a data-subject key, itself sealed to a new personal-data
 * key (an X25519 pair) that only users with pii:read are granted (main/pii). This step has no
 * user's key at hand, so the new key's private half waits in `pii_escrow` — readable, like the
 * plain values it replaces, with the database key — until the first sign-in of a user with
 * pii:read takes it, grants it to them and removes it without a trace.
 *
 * The log: events that hold personal values get envelopes instead, so the hash chain covers
 * ciphertext. Hashes change from the first such event on; each of those events keeps its old hash
 * as `v1_hash` and its new hash covers the old one (re-anchoring, docs/security.md), so every anchor
 * handed out before still names an event the chain binds. Only a chain that verifies is
 * re-anchored: re-hashing a broken one would launder the break, so it is left as it was (plain
 * values and all) and the `log.reanchored` event says so. The next open VACUUMs.
 */
export const personalDataSealed: Migration = {
  version: 300,
  name: 'personal-data-sealed',
  up(db: Db) {
    const now = new Date().toISOString();
    db.exec(`
      CREATE TABLE pii_keys (
        epoch INTEGER PRIMARY KEY,
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE pii_escrow (
        epoch INTEGER PRIMARY KEY,
        private_key TEXT NOT NULL,
        since TEXT NOT NULL
      ) STRICT;
      CREATE TABLE pii_grants (
        user TEXT NOT NULL REFERENCES users(name),
        epoch INTEGER NOT NULL,
        sealed TEXT NOT NULL,
        granted_by TEXT NOT NULL,
        granted_at TEXT NOT NULL,
        PRIMARY KEY (user, epoch)
      ) STRICT;
      CREATE TABLE data_subjects (
        id TEXT PRIMARY KEY,
        incident_ref TEXT NOT NULL UNIQUE,
        epoch INTEGER,
        sealed TEXT,
        created_at TEXT NOT NULL,
        shredded_at TEXT,
        shredded_by TEXT,
        shred_reason TEXT,
        CHECK ((sealed IS NULL) = (shredded_at IS NOT NULL))
      ) STRICT;
      ALTER TABLE users ADD COLUMN pii_public TEXT;
      ALTER TABLE users ADD COLUMN pii_private_sealed TEXT;
      ALTER TABLE events ADD COLUMN v1_hash TEXT;
    `);
    const pair = generateKeyPairSync('x25519');
    const pub = pair.publicKey.export({ format: 'jwk' }).x ?? '';
    db.prepare('INSERT INTO pii_keys (epoch, public_key, created_at, created_by) VALUES (1, ?, ?, ?)').run(pub, now, 'migration 300');
    db.prepare('INSERT INTO pii_escrow (epoch, private_key, since) VALUES (1, ?, ?)').run(pair.privateKey.export({ format: 'jwk' }).d ?? '', now);

    // One subject per incident that holds personal data now or in its history.
    const subjects = new Map<string, { id: string; key: Buffer }>();
    const subjectOf = (ref: string): { id: string; key: Buffer } => {
      let s = subjects.get(ref);
      if (!s) {
        s = { id: randomUUID(), key: randomBytes(32) };
        db.prepare('INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at) VALUES (?, ?, 1, ?, ?)')
          .run(s.id, ref, sealTo(pub, s.key, `firebreak-pii-subject-v1|${s.id}|1`), now);
        subjects.set(ref, s);
      }
      return s;
    };
    const envelope = (ref: string, field: string, value: unknown) => {
      const s = subjectOf(ref);
      const w = gcm(s.key, Buffer.from(JSON.stringify(value), 'utf8'), `firebreak-pii-v1|${s.id}|${field}`);
      return { enc: 'pii-v1', subject: s.id, nonce: w.nonce, ct: w.ciphertext, tag: w.tag };
    };
    const isPersonal = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined);

    let incidents = 0;
    // Pages by id (keyset): memory stays bounded at 100k incidents and millions of events.
    const incidentPage = db.prepare('SELECT id, ref, reporter_name, reporter_email, reporter_phone, affected_people FROM incidents WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = 0, rows: Record<string, string | number | null>[] = []; ; after = Number(rows[rows.length - 1]?.id)) {
      rows = incidentPage.all(after) as Record<string, string | number | null>[];
      if (rows.length === 0) break;
      for (const r of rows as Record<string, string | null>[]) {
        const ref = r.ref!;
        const sets: string[] = [];
        const vals: unknown[] = [];
        for (const f of PERSONAL_FIELDS) {
          const col = COLUMNS[f];
          const v = f === 'affectedPeople' ? (JSON.parse(r[col] ?? '[]') as unknown) : r[col];
          if (!isPersonal(v)) continue;
          sets.push(`${col} = ?`);
          vals.push(JSON.stringify(envelope(ref, f, v)));
        }
        if (sets.length === 0) continue;
        db.prepare(`UPDATE incidents SET ${sets.join(', ')} WHERE ref = ?`).run(...vals, ref);
        incidents += 1;
      }
    }

    // The log: verified first, then re-anchored from the first event that changes.
    const all = db.prepare('SELECT seq, ts, actor, type, incident_ref, data, prev_hash, hash FROM events ORDER BY seq');
    let prev = GENESIS;
    let expected = 1;
    let broken: number | null = null;
    for (const r of all.iterate() as IterableIterator<Row>) {
      if (r.seq !== expected || r.prev_hash !== prev || hashOf(prev, r, JSON.parse(r.data), null) !== r.hash) {
        broken = r.seq;
        break;
      }
      prev = r.hash;
      expected += 1;
    }
    const head = db.prepare('SELECT seq, hash FROM chain_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    if (broken === null && head && (head.seq !== expected - 1 || head.hash !== prev)) broken = head.seq;
    const v1Head = head ?? null;

    let sealedEvents = 0;
    let reanchored = 0;
    let v2Head = v1Head;
    if (broken === null) {
      db.exec('DROP TRIGGER events_no_update');
      const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ?, v1_hash = ? WHERE seq = ?');
      let prevNew = GENESIS;
      let changing = false;
      const eventPage = db.prepare('SELECT seq, ts, actor, type, incident_ref, data, prev_hash, hash FROM events WHERE seq > ? ORDER BY seq LIMIT 1000');
      const eachEvent = function* (): Generator<Row> {
        for (let after = 0; ; ) {
          const rows = eventPage.all(after) as Row[];
          yield* rows;
          if (rows.length < 1000) return;
          after = rows[rows.length - 1]!.seq;
        }
      };
      for (const r of eachEvent()) {
        const data = JSON.parse(r.data) as Record<string, unknown>;
        let touched = false;
        if (r.incident_ref !== null && r.type === 'incident.created' && typeof data.fields === 'object' && data.fields !== null) {
          const fields = data.fields as Record<string, unknown>;
          for (const f of PERSONAL_FIELDS) {
            if (isPersonal(fields[f])) {
              fields[f] = envelope(r.incident_ref, f, fields[f]);
              touched = true;
            }
          }
        }
        if (r.incident_ref !== null && r.type === 'incident.updated' && Array.isArray(data.changes)) {
          for (const c of data.changes as Record<string, unknown>[]) {
            if (!(PERSONAL_FIELDS as readonly string[]).includes(String(c.field))) continue;
            for (const side of ['before', 'after'] as const) {
              if (isPersonal(c[side])) {
                c[side] = envelope(r.incident_ref, String(c.field), c[side]);
                touched = true;
              }
            }
          }
        }
        if (touched) sealedEvents += 1;
        changing ||= touched;
        if (!changing) {
          prevNew = r.hash;
          continue;
        }
        const hash = hashOf(prevNew, r, data, r.hash);
        update.run(JSON.stringify(data), prevNew, hash, r.hash, r.seq);
        reanchored += 1;
        prevNew = hash;
        v2Head = { seq: r.seq, hash };
      }
      db.exec(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
      if (v2Head) db.prepare('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1').run(v2Head.seq, v2Head.hash);
    }

    // The re-anchoring is itself an event (a plain one: v1_hash stays null from here on).
    if (v2Head !== null && (incidents > 0 || sealedEvents > 0 || broken !== null)) {
      const data = {
        v1Head, v2Head: broken === null ? v2Head : null, incidents, events: sealedEvents, reanchored,
        ...(broken === null ? {} : { notReanchored: `the chain did not verify at event ${broken}: the log was left as it was, its personal values in the clear` }),
        note: 'backups and copies of the database from before this step still hold personal data in the clear',
      };
      const r: Row = { seq: v2Head.seq + 1, ts: now, actor: 'system', type: 'log.reanchored', incident_ref: null, data: '', prev_hash: v2Head.hash, hash: '' };
      const hash = hashOf(v2Head.hash, r, data, null);
      db.prepare('INSERT INTO events (seq, ts, actor, type, incident_ref, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.seq, r.ts, r.actor, r.type, null, JSON.stringify(data), r.prev_hash, hash);
      db.prepare('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1').run(r.seq, hash);
    }
    for (const s of subjects.values()) s.key.fill(0);
    if (incidents > 0 || sealedEvents > 0) {
      db.prepare('INSERT OR REPLACE INTO pending_vacuum (id, reason, since) VALUES (1, ?, ?)').run(
        `personal data of ${incidents} incidents and ${sealedEvents} events was sealed (migration 300)`, now,
      );
    }
  },
};
