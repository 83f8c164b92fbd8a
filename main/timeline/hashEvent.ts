import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incidentRef: string | null;
  data: Record<string, unknown>;
}

/**
 * hash = SHA-256(prev_hash as 64 lower-case hex ASCII ‖ canonical JSON of the event), hex. An
 * event re-anchored by migration 300 (its personal values sealed) also covers its hash from
 * before, `v1Hash` (64 hex ASCII, appended), so anchors handed out before stay bound.
 */
export function hashEvent(prevHash: string, event: HashedFields, v1Hash: string | null = null): string {
  const body = canonicalJson({
    seq: event.seq,
    ts: event.ts,
    actor: event.actor,
    type: event.type,
    incidentRef: event.incidentRef,
    data: event.data,
  });
  const h = createHash('sha256').update(prevHash, 'ascii').update(body, 'utf8');
  if (v1Hash !== null) h.update(v1Hash, 'ascii');
  return h.digest('hex');
}
