import type { TimelineEvent } from '../../contract';

export interface EventRow {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incident_ref: string | null;
  data: string;
  prev_hash: string;
  hash: string;
  /** The hash before migration 300 re-anchored the event (null for events written since). */
  v1_hash?: string | null;
}

export function rowToEvent(r: EventRow): TimelineEvent {
  return {
    seq: r.seq,
    ts: r.ts,
    actor: r.actor,
    type: r.type,
    incidentRef: r.incident_ref,
    data: JSON.parse(r.data) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
