import { randomBytes, randomUUID } from 'node:crypto';
import { ApiFailure } from '../../contract';
import type { Db } from '../store';
import { unwrapKey, wrapKey } from '../vault';
import { currentPiiKey, piiKeyringOf, subjectAad } from './piiKeys';
import { openSealed, parseSealed, sealTo } from './sealTo';

/**
 * A personal value as stored, in the incidents table and in the log: AES-256-GCM under the key
 * of its data subject, bound to the subject and the field (a name cannot be moved into the
 * e-mail field). The log's hash covers this, not the value, so verifying needs no key.
 */
export interface Envelope {
  enc: 'pii-v1';
  subject: string;
  nonce: string;
  ct: string;
  tag: string;
}

export const isEnvelope = (v: unknown): v is Envelope =>
  typeof v === 'object' && v !== null && (v as { enc?: unknown }).enc === 'pii-v1' && typeof (v as { subject?: unknown }).subject === 'string';

const valueAad = (subject: string, field: string): string => `firebreak-pii-v1|${subject}|${field}`;

/** Why a subject's values cannot be read here: erased (with when, by whom), or the key is not held. */
export type SubjectState = { kind: 'open'; key: Buffer } | { kind: 'erased'; at: string; by: string } | { kind: 'locked' };

interface SubjectRow {
  id: string;
  incident_ref: string;
  epoch: number | null;
  sealed: string | null;
  shredded_at: string | null;
  shredded_by: string | null;
}

export function subjectState(db: Db, subject: string): SubjectState {
  const ring = piiKeyringOf(db);
  const cached = ring?.subjects.get(subject);
  if (cached) return { kind: 'open', key: cached };
  const row = db.prepare('SELECT * FROM data_subjects WHERE id = ?').get(subject) as SubjectRow | undefined;
  if (!row) return { kind: 'locked' };
  if (row.shredded_at !== null) return { kind: 'erased', at: row.shredded_at, by: row.shredded_by ?? 'unknown' };
  const sealed = parseSealed(row.sealed);
  if (!ring || !sealed || row.epoch !== ring.epoch) return { kind: 'locked' };
  const key = openSealed(ring.pair, sealed, subjectAad(row.id, row.epoch));
  if (!key) return { kind: 'locked' };
  ring.subjects.set(subject, key);
  return { kind: 'open', key };
}

/** A data subject as the incidents and the erasure see it. */
export interface IncidentSubject {
  id: string;
  part: string;
  shreddedAt: string | null;
  shreddedBy: string | null;
  reason: string | null;
}
const SUBJECT_COLUMNS = 'id, part, shredded_at AS shreddedAt, shredded_by AS shreddedBy, shred_reason AS reason';

/**
 * The incident's data subject: its own (`part` 'incident': the reporter, the people affected and
 * the runbook answers marked personal), or where it has none, the subject migration 0310 made for
 * answers it could not seal under it (`part` 'runbook-answers'); null when it holds no personal data.
 */
export function subjectOfIncident(db: Db, ref: string): IncidentSubject | null {
  const row = db.prepare(`SELECT ${SUBJECT_COLUMNS} FROM data_subjects WHERE incident_ref = ? ORDER BY part = 'incident' DESC, created_at LIMIT 1`).get(ref) as IncidentSubject | undefined;
  return row ?? null;
}

/** Every data subject of the incident (at most two: its own, and migration 0310's for runbook answers). */
export function subjectsOfIncident(db: Db, ref: string): IncidentSubject[] {
  return db.prepare(`SELECT ${SUBJECT_COLUMNS} FROM data_subjects WHERE incident_ref = ? ORDER BY part = 'incident' DESC, created_at`).all(ref) as IncidentSubject[];
}

const erasedRefusal = (ref: string, at: string, by: string): ApiFailure =>
  new ApiFailure('CONFLICT', `the personal data of ${ref} was erased on ${at} by ${by}; it takes no new personal data (record the person in a new incident if needed)`);

/**
 * A sealer for an incident's personal values. A new subject needs no key held: its random key is
 * sealed to the personal-data key's public half, so a writer can store what they cannot read back.
 * An existing subject's key must be open (this process holds the personal-data key); an erased
 * incident (any of its subjects shredded) takes no new personal data.
 */
export function sealerFor(db: Db, ref: string, now: string): (field: string, value: unknown) => Envelope {
  const all = subjectsOfIncident(db, ref);
  const shredded = all.find((s) => s.shreddedAt !== null);
  if (shredded) throw erasedRefusal(ref, shredded.shreddedAt ?? '', shredded.shreddedBy ?? 'unknown');
  const existing = all.find((s) => s.part === 'incident');
  let subject: string;
  let key: Buffer;
  if (existing === undefined) {
    subject = randomUUID();
    key = randomBytes(32);
    const { epoch, publicKey } = currentPiiKey(db);
    db.prepare("INSERT INTO data_subjects (id, incident_ref, epoch, sealed, created_at, part) VALUES (?, ?, ?, ?, ?, 'incident')")
      .run(subject, ref, epoch, JSON.stringify(sealTo(publicKey, key, subjectAad(subject, epoch))), now);
    piiKeyringOf(db)?.subjects.set(subject, key);
  } else {
    subject = existing.id;
    const state = subjectState(db, subject);
    if (state.kind === 'erased') throw erasedRefusal(ref, state.at, state.by);
    if (state.kind === 'locked') {
      throw new ApiFailure('CONFLICT', `${ref}'s personal data cannot be changed in this session: the personal-data key is not open here (your grant is pending until an administrator signs in, or sign in again)`);
    }
    key = state.key;
  }
  return (field, value) => {
    const w = wrapKey(key, Buffer.from(JSON.stringify(value), 'utf8'), valueAad(subject, field));
    return { enc: 'pii-v1', subject, nonce: w.nonce, ct: w.ciphertext, tag: w.tag };
  };
}

/** The value an envelope holds, or why it cannot be read. */
export function openEnvelope(db: Db, env: Envelope, field: string): { ok: true; value: unknown } | { ok: false; why: 'erased' | 'locked' } {
  const state = subjectState(db, env.subject);
  if (state.kind !== 'open') return { ok: false, why: state.kind };
  const plain = unwrapKey(state.key, { nonce: env.nonce, ciphertext: env.ct, tag: env.tag }, valueAad(env.subject, field));
  if (!plain) return { ok: false, why: 'locked' };
  return { ok: true, value: JSON.parse(plain.toString('utf8')) as unknown };
}
