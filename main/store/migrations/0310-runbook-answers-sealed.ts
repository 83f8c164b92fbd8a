import { createCipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { Db } from '../openDatabase';
import type { Migration } from '../Migration';

/*
 * Self-contained on purpose, like every step (a released step never changes): the sealing, the
 * canonical JSON and the hash are copied here as they were at version 310 (main/pii/sealTo.ts,
 * envelopes.ts, main/store/personalScrubber.ts runbookAnswerField, main/timeline/canonicalJson.ts,
 * hashEvent.ts), and so is the walk of migration 300 that re-anchors the log.
 */
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

interface Row { seq: number; ts: string; actor: string; type: string; incident_ref: string | null; data: string; prev_hash: string; hash: string; v1_hash: string | null }

/** SHA-256(prev ‖ canonical event), and for a re-anchored event ‖ the hash it had before (docs/log-format.md). */
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEnvelope = (v: unknown): boolean => isRecord(v) && v.enc === 'pii-v1';
const answerField = (run: unknown, step: unknown): string => `runbook:${String(run)}:${String(step)}`;

/**
 * Runbook answers marked `personal: true` leave the clear (issue 13, High 2): in the run's
 * transitions and in the `runbook.step_done` events they become envelopes, as the incident's
 * personal fields did in migration 300, so that the database file and a slot of a role without
 * pii:read no longer show them.
 *
 * The incident's own data subject is sealed to the personal-data key, which this step does not
 * hold (it is granted to users, or held in escrow until the first sign-in of a pii:read user), so
 * the answers cannot go under it. Each incident with personal answers gets a second subject,
 * `part` 'runbook-answers', whose key is sealed to the personal-data key's public half; the
 * erasure destroys both. For an incident already erased, that subject is made erased (its key
 * thrown away at once): its answers open for no one, as the erasure promised. `data_subjects` is
 * rebuilt for it: `UNIQUE (incident_ref, part)` instead of one subject per incident.
 *
 * The log is verified first; if it verifies, each personal answer's event takes the envelope the
 * run's row got, and the chain is re-anchored from the first such event: each changed or later
 * event keeps the hash it had in `v1_hash` (which the new hash covers), and a `v1_hash` it had
 * from migration 300 moves to `event_prior_hashes`, so anchors from before either step still name
 * an event of the chain (`log verify --anchor`). A log that does not verify is left as it was,
 * its answers in the clear, and the `log.reanchored` event says so. The next open VACUUMs.
 */
export const runbookAnswersSealed: Migration = {
  version: 310,
  name: 'runbook-answers-sealed',
  up(db: Db) {
    const now = new Date().toISOString();
    db.exec(`
      CREATE TABLE data_subjects__next (
        id TEXT PRIMARY KEY,
        incident_ref TEXT NOT NULL,
        epoch INTEGER,
        sealed TEXT,
        created_at TEXT NOT NULL,
        shredded_at TEXT,
        shredded_by TEXT,
        shred_reason TEXT,
        part TEXT NOT NULL DEFAULT 'incident',
        CHECK ((sealed IS NULL) = (shredded_at IS NOT NULL)),
        UNIQUE (incident_ref, part)
      ) STRICT;
      INSERT INTO data_subjects__next (id, incident_ref, epoch, sealed, created_at, shredded_at, shredded_by, shred_reason, part)
        SELECT id, incident_ref, epoch, sealed, created_at, shredded_at, shredded_by, shred_reason, 'incident' FROM data_subjects;
      DROP TABLE data_subjects;
      ALTER TABLE data_subjects__next RENAME TO data_subjects;
      CREATE TABLE event_prior_hashes (
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        replaced_at_step INTEGER NOT NULL,
        PRIMARY KEY (seq, hash)
      ) STRICT, WITHOUT ROWID;
    `);
    const pkek = db.prepare('SELECT epoch, public_key AS pub FROM pii_keys ORDER BY epoch DESC LIMIT 1').get() as { epoch: number; pub: string } | undefined;
    if (!pkek) throw new Error('migration 310 needs the personal-data key of migration 300');

    // One answers subject per incident, made when its first personal answer is sealed.
    const subjects = new Map<string, { id: string; key: Buffer }>();
    const erasedOf = db.prepare("SELECT shredded_at AS at, shredded_by AS by, shred_reason AS reason FROM data_subjects WHERE incident_ref = ? AND shredded_at IS NOT NULL LIMIT 1");
    const subjectOf = (ref: string): { id: string; key: Buffer } => {
      let s = subjects.get(ref);
      if (!s) {
        s = { id: randomUUID(), key: randomBytes(32) };
        const erased = erasedOf.get(ref) as { at: string; by: string | null; reason: string | null } | undefined;
        if (erased) {
          // Erased before this step: the answers' key is thrown away once they are sealed (below).
          db.prepare("INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at, shredded_at, shredded_by, shred_reason, part) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, 'runbook-answers')")
            .run(s.id, ref, now, erased.at, erased.by, `${erased.reason ?? ''} (runbook answers sealed and erased by migration 310)`);
        } else {
          db.prepare("INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at, part) VALUES (?, ?, ?, ?, ?, 'runbook-answers')")
            .run(s.id, ref, pkek.epoch, sealTo(pkek.pub, s.key, `firebreak-pii-subject-v1|${s.id}|${pkek.epoch}`), now);
        }
        subjects.set(ref, s);
      }
      return s;
    };
    const envelope = (ref: string, field: string, value: unknown) => {
      const s = subjectOf(ref);
      const w = gcm(s.key, Buffer.from(JSON.stringify(value), 'utf8'), `firebreak-pii-v1|${s.id}|${field}`);
      return { enc: 'pii-v1', subject: s.id, nonce: w.nonce, ct: w.ciphertext, tag: w.tag };
    };

    // The runs' rows: a done transition of an input step marked personal, with a value.
    let answers = 0;
    db.exec('DROP TRIGGER runbook_transitions_no_update');
    const runPage = db.prepare('SELECT id, incident_ref AS ref, definition FROM runbook_runs WHERE id > ? ORDER BY id LIMIT 100');
    const transitions = db.prepare("SELECT n, data FROM runbook_transitions WHERE run_id = ? AND n > ? AND json_extract(data, '$.t') = 'done' ORDER BY n LIMIT 500");
    const updateTransition = db.prepare('UPDATE runbook_transitions SET data = ? WHERE run_id = ? AND n = ?');
    for (let after = ''; ; ) {
      const runs = runPage.all(after) as { id: string; ref: string; definition: string }[];
      for (const run of runs) {
        const steps = (JSON.parse(run.definition) as { steps?: { id: string; kind: string; personal?: boolean }[] }).steps ?? [];
        const personal = new Set(steps.filter((s) => s.kind === 'input' && s.personal === true).map((s) => s.id));
        if (personal.size === 0) continue;
        for (let n = -1; ; ) {
          const rows = transitions.all(run.id, n) as { n: number; data: string }[];
          for (const r of rows) {
            const data = JSON.parse(r.data) as Record<string, unknown>;
            if (!personal.has(String(data.step)) || data.value === undefined || data.value === null || isEnvelope(data.value)) continue;
            data.value = envelope(run.ref, answerField(run.id, data.step), data.value);
            updateTransition.run(JSON.stringify(data), run.id, r.n);
            answers += 1;
          }
          if (rows.length < 500) break;
          n = rows[rows.length - 1]!.n;
        }
      }
      if (runs.length < 100) break;
      after = runs[runs.length - 1]!.id;
    }
    db.exec(`CREATE TRIGGER runbook_transitions_no_update BEFORE UPDATE ON runbook_transitions
      BEGIN SELECT RAISE(ABORT, 'runbook transitions are append-only'); END;`);

    // The log: verified first, then re-anchored from the first event that changes.
    const all = db.prepare('SELECT seq, ts, actor, type, incident_ref, data, prev_hash, hash, v1_hash FROM events ORDER BY seq');
    let prev = GENESIS;
    let expected = 1;
    let broken: number | null = null;
    for (const r of all.iterate() as IterableIterator<Row>) {
      if (r.seq !== expected || r.prev_hash !== prev || hashOf(prev, r, JSON.parse(r.data), r.v1_hash) !== r.hash) {
        broken = r.seq;
        break;
      }
      prev = r.hash;
      expected += 1;
    }
    const head = db.prepare('SELECT seq, hash FROM chain_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    if (broken === null && head && (head.seq !== expected - 1 || head.hash !== prev)) broken = head.seq;
    const headBefore = head ?? null;

    let sealedEvents = 0;
    let reanchored = 0;
    let headAfter = headBefore;
    if (broken === null) {
      db.exec('DROP TRIGGER events_no_update');
      const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ?, v1_hash = ? WHERE seq = ?');
      const keepPrior = db.prepare('INSERT OR IGNORE INTO event_prior_hashes (seq, hash, replaced_at_step) VALUES (?, ?, 310)');
      const rowOf = db.prepare('SELECT data FROM runbook_transitions WHERE run_id = ? AND n = ?');
      let prevNew = GENESIS;
      let changing = false;
      const eventPage = db.prepare('SELECT seq, ts, actor, type, incident_ref, data, prev_hash, hash, v1_hash FROM events WHERE seq > ? ORDER BY seq LIMIT 1000');
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
        if (r.incident_ref !== null && r.type === 'runbook.step_done' && data.personal === true && data.value !== undefined && data.value !== null && !isEnvelope(data.value)) {
          // The same envelope as the run's row, so the log's hash covers exactly what the row holds.
          const row = rowOf.get(String(data.run), Number(data.n)) as { data: string } | undefined;
          const sealed = row ? (JSON.parse(row.data) as Record<string, unknown>).value : undefined;
          data.value = isEnvelope(sealed) ? sealed : envelope(r.incident_ref, answerField(data.run, data.step), data.value);
          touched = true;
          sealedEvents += 1;
        }
        changing ||= touched;
        if (!changing) {
          prevNew = r.hash;
          continue;
        }
        // The new hash covers the one it replaces; one from migration 300 is kept beside it.
        if (r.v1_hash !== null) keepPrior.run(r.seq, r.v1_hash);
        const hash = hashOf(prevNew, r, data, r.hash);
        update.run(JSON.stringify(data), prevNew, hash, r.hash, r.seq);
        reanchored += 1;
        prevNew = hash;
        headAfter = { seq: r.seq, hash };
      }
      db.exec(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
      if (headAfter) db.prepare('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1').run(headAfter.seq, headAfter.hash);
    }

    if (headAfter !== null && (answers > 0 || sealedEvents > 0)) {
      const data = {
        step: 310, v1Head: headBefore, v2Head: broken === null ? headAfter : null, runbookAnswers: answers, events: sealedEvents, reanchored,
        ...(broken === null ? {} : { notReanchored: `the chain did not verify at event ${broken}: the log was left as it was, its runbook answers in the clear` }),
        note: 'backups and copies of the database from before this step still hold personal runbook answers in the clear',
      };
      const r: Row = { seq: headAfter.seq + 1, ts: now, actor: 'system', type: 'log.reanchored', incident_ref: null, data: '', prev_hash: headAfter.hash, hash: '', v1_hash: null };
      const hash = hashOf(headAfter.hash, r, data, null);
      db.prepare('INSERT INTO events (seq, ts, actor, type, incident_ref, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.seq, r.ts, r.actor, r.type, null, JSON.stringify(data), r.prev_hash, hash);
      db.prepare('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1').run(r.seq, hash);
    }
    for (const s of subjects.values()) s.key.fill(0);
    if (answers > 0 || sealedEvents > 0) {
      db.prepare('INSERT OR REPLACE INTO pending_vacuum (id, reason, since) VALUES (1, ?, ?)').run(
        `${answers} personal runbook answers and ${sealedEvents} events were sealed (migration 310)`, now,
      );
    }
  },
};
