import { createHash } from 'node:crypto';

/** A row of the `events` table as stored. */
export interface EventRowJson {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incident_ref: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/**
 * The log format written out from its rules, sharing no code with main/timeline:
 * hash = hex(SHA-256(prev_hash as 64 hex characters ‖ canonical JSON of
 * {seq, ts, actor, type, incidentRef, data})); canonical JSON = object keys sorted by UTF-16
 * code units at every level, no whitespace, JSON.stringify escaping; the first prev_hash is 64 zeros.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    // A fresh object whose insertion order is the sorted order (log keys are never integer-like).
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
}

export const sha256hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export function recomputeHash(prevHash: string, r: Pick<EventRowJson, 'seq' | 'ts' | 'actor' | 'type' | 'incident_ref' | 'data'>): string {
  const data = JSON.parse(r.data) as unknown;
  return sha256hex(prevHash + canonical({ seq: r.seq, ts: r.ts, actor: r.actor, type: r.type, incidentRef: r.incident_ref, data }));
}
