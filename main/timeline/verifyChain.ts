import type { ChainHead, VerifyResult } from '../../contract';
import type { Db } from '../store';
import { GENESIS_HASH, hashEvent } from './hashEvent';
import { readHead } from './appendEvent';
import { rowToEvent, type EventRow } from './rowToEvent';

/**
 * Recomputes the whole chain and names the first sequence number that is wrong: an edited row
 * (hash mismatch), a deleted or reordered row (gap or broken link), or rows cut off the end
 * (the stored head, or an `expected` head from a backup manifest or report, is beyond the last row).
 */
export function verifyChain(db: Db, expected?: ChainHead): VerifyResult {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let last: ChainHead | null = null;
  const bad = (seq: number, problem: string): VerifyResult => ({ ok: false, count, head: last, firstBadSeq: seq, problem });

  for (const raw of db.prepare('SELECT * FROM events ORDER BY seq').iterate() as IterableIterator<EventRow>) {
    if (raw.seq !== expectedSeq) {
      return bad(expectedSeq, raw.seq > expectedSeq ? `event ${expectedSeq} is missing (next present is ${raw.seq})` : `event ${raw.seq} is out of order`);
    }
    if (raw.prev_hash !== prevHash) return bad(raw.seq, `event ${raw.seq} does not link to event ${raw.seq - 1} (prev_hash differs)`);
    let recomputed: string;
    try {
      recomputed = hashEvent(prevHash, rowToEvent(raw), raw.v1_hash ?? null);
    } catch {
      return bad(raw.seq, `event ${raw.seq} has unreadable data`);
    }
    if (recomputed !== raw.hash) return bad(raw.seq, `event ${raw.seq} was altered (hash differs)`);
    count += 1;
    prevHash = raw.hash;
    last = { seq: raw.seq, hash: raw.hash };
    expectedSeq += 1;
  }

  const lastSeq = last?.seq ?? 0;
  const head = readHead(db);
  if (head) {
    if (head.seq > lastSeq) return bad(lastSeq + 1, `the log ends at event ${lastSeq} but its head says ${head.seq}: events were cut off`);
    if (head.seq < lastSeq) return bad(head.seq + 1, `events after the recorded head ${head.seq} were added outside Firebreak`);
    if (last && head.hash !== last.hash) return bad(lastSeq, `the recorded head hash does not match event ${lastSeq}`);
  } else if (lastSeq > 0) {
    return bad(1, 'the log has events but no recorded head');
  }
  if (expected) {
    if (expected.seq > lastSeq) return bad(lastSeq + 1, `the log ends at event ${lastSeq} but the anchor says ${expected.seq}: events were cut off`);
    if (expected.seq > 0 && !namesEvent(db, expected)) return bad(expected.seq, `event ${expected.seq} differs from the anchored head`);
  }
  return { ok: true, count, head: last };
}

/**
 * Whether an anchor names the event: its hash, or a hash it had before a re-anchoring — its
 * `v1_hash`, which the current hash covers, or an older one kept in `event_prior_hashes` (an event
 * re-anchored by migration 300 and again by 310).
 */
export function namesEvent(db: Db, anchor: ChainHead): boolean {
  const row = db.prepare('SELECT hash, v1_hash FROM events WHERE seq = ?').get(anchor.seq) as { hash: string; v1_hash: string | null } | undefined;
  if (!row) return false;
  if (row.hash === anchor.hash || row.v1_hash === anchor.hash) return true;
  // A log from before migration 310 (a restored backup's, read before it is migrated) has no such table.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_prior_hashes'").get() === undefined) return false;
  return db.prepare('SELECT 1 FROM event_prior_hashes WHERE seq = ? AND hash = ?').get(anchor.seq, anchor.hash) !== undefined;
}
