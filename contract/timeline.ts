/** The append-only, hash-chained event log (see docs/log-format.md). */
export interface TimelineEvent {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incidentRef: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  head: ChainHead | null;
  /** First sequence number whose event, link or position is wrong. */
  firstBadSeq?: number;
  problem?: string;
}

export interface EventPage {
  total: number;
  /** True when more than `total` events match: counting stops at a cap ("10,000+"). */
  totalIsLowerBound?: boolean;
  offset: number;
  rows: TimelineEvent[];
}
