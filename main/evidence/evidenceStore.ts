import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure, type Evidence } from '../../contract';
import { writeFileAtomic, type Db } from '../store';
import { appendEvent } from '../timeline';
import { getIncident } from '../incidents';
import { decryptEvidence, encryptEvidence } from './evidenceCipher';

interface EvidenceRow {
  id: string;
  incident_ref: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  added_by: string;
  added_at: string;
  description: string;
}

const toEvidence = (r: EvidenceRow): Evidence => ({
  id: r.id,
  incidentRef: r.incident_ref,
  name: r.name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  addedBy: r.added_by,
  addedAt: r.added_at,
  description: r.description,
});

export const evidenceDir = (dataDir: string): string => join(dataDir, 'evidence');
const fileFor = (dataDir: string, id: string): string => join(evidenceDir(dataDir), `${id}.fbe`);

export function listEvidence(db: Db, ref: string): Evidence[] {
  getIncident(db, ref);
  return (db.prepare('SELECT * FROM evidence WHERE incident_ref = ? ORDER BY added_at, id').all(ref) as EvidenceRow[]).map(toEvidence);
}

export interface NewEvidence {
  name: string;
  mediaType: string;
  description: string;
  data: Buffer;
}

/**
 * Hashes at intake, writes the encrypted file completely (temp + fsync + rename), then records
 * the row and the custody event in one transaction. If recording fails, the file is removed.
 */
export function addEvidence(db: Db, dataDir: string, key: Buffer, actor: string, ref: string, item: NewEvidence, now: string): Evidence {
  getIncident(db, ref);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(item.data).digest('hex');
  mkdirSync(evidenceDir(dataDir), { recursive: true, mode: 0o700 });
  const file = fileFor(dataDir, id);
  writeFileAtomic(file, encryptEvidence(key, id, item.data));
  try {
    return db.transaction(() => {
      db.prepare(
        'INSERT INTO evidence (id, incident_ref, name, media_type, size, sha256, added_by, added_at, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(id, ref, item.name, item.mediaType, item.data.length, sha256, actor, now, item.description);
      appendEvent(db, {
        actor, type: 'evidence.added', incidentRef: ref, ts: now,
        data: { id, name: item.name, size: item.data.length, sha256, mediaType: item.mediaType },
      });
      return toEvidence(db.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow);
    }).immediate();
  } catch (err) {
    unlinkSync(file);
    throw err;
  }
}

/**
 * Decrypts and re-hashes before handing anything out; the view or export is a custody event.
 * A mismatch is itself recorded, and nothing is returned.
 */
export function readEvidence(
  db: Db, dataDir: string, key: Buffer, actor: string, ref: string, id: string, purpose: 'view' | 'export', now: string,
): { evidence: Evidence; data: Buffer } {
  const row = db.prepare('SELECT * FROM evidence WHERE id = ? AND incident_ref = ?').get(id, ref) as EvidenceRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no evidence ${id} on ${ref}`);
  const file = fileFor(dataDir, id);
  const plain = existsSync(file) ? decryptEvidence(key, id, readFileSync(file)) : null;
  const actual = plain ? createHash('sha256').update(plain).digest('hex') : null;
  if (!plain || actual !== row.sha256) {
    appendEvent(db, { actor, type: 'evidence.integrity_failed', incidentRef: ref, ts: now, data: { id, expected: row.sha256, actual, purpose } });
    throw new ApiFailure('INTEGRITY', `evidence ${row.name} (${id}) is missing or altered: its SHA-256 no longer matches the one recorded at intake`);
  }
  appendEvent(db, {
    actor, type: purpose === 'view' ? 'evidence.viewed' : 'evidence.exported', incidentRef: ref, ts: now,
    data: { id, name: row.name, sha256: row.sha256, verified: true },
  });
  return { evidence: toEvidence(row), data: plain };
}
