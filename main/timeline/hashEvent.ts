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

/** hash = SHA-256(prev_hash as 64 lower-case hex ASCII ‖ canonical JSON of the event), hex. */
export function hashEvent(prevHash: string, event: HashedFields): string {
  const body = canonicalJson({
    seq: event.seq,
    ts: event.ts,
    actor: event.actor,
    type: event.type,
    incidentRef: event.incidentRef,
    data: event.data,
  });
  return createHash('sha256').update(prevHash, 'ascii').update(body, 'utf8').digest('hex');
}
