import type { AnchorCheck, ChainHead, RecordedReport, VerifyResult } from '../../contract';
import type { Db } from '../store';
import { namesEvent, verifyChain } from '../timeline';

interface EventRow {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incident_ref: string | null;
  hash: string;
}

/**
 * Proves that the log still holds the event an anchor names, unchanged: the whole chain verifies,
 * and the event at `seq` has exactly `hash` — which commits to every event before it
 * (docs/log-format.md, "Verification" step 5). With the SHA-256 of a report file, also finds the
 * `report.generated` event that recorded that file, and checks it names the same anchor.
 *
 * The message tells apart what a reader under stress must not confuse: a log altered before the
 * anchor (broken chain), a log that is consistent but does not hold the anchored event (rewritten
 * from that point on — or the anchor was mistyped or comes from another vault), and a log cut off
 * below the anchor.
 */
export function verifyAnchor(db: Db, anchor: ChainHead, reportSha256?: string): AnchorCheck {
  const plain = verifyChain(db);
  const row = db.prepare('SELECT seq, ts, actor, type, incident_ref, hash, v1_hash FROM events WHERE seq = ?').get(anchor.seq) as (EventRow & { v1_hash: string | null }) | undefined;
  const event = row ? { seq: row.seq, ts: row.ts, actor: row.actor, type: row.type, incidentRef: row.incident_ref } : null;
  const lastSeq = plain.head?.seq ?? 0;
  let chain: VerifyResult = plain;
  if (plain.ok && anchor.seq > lastSeq) chain = { ...plain, ok: false, firstBadSeq: lastSeq + 1, problem: `the log ends at event ${lastSeq} but the anchor says ${anchor.seq}: events were cut off` };
  else if (plain.ok && !namesEvent(db, anchor)) chain = { ...plain, ok: false, firstBadSeq: anchor.seq, problem: `event ${anchor.seq} differs from the anchored head` };

  let report: RecordedReport | null | undefined;
  if (reportSha256 !== undefined) {
    const found = db
      .prepare("SELECT seq, ts, actor, incident_ref, data FROM events WHERE type = 'report.generated' AND json_extract(data, '$.sha256') = ? ORDER BY seq LIMIT 1")
      .get(reportSha256) as { seq: number; ts: string; actor: string; incident_ref: string | null; data: string } | undefined;
    if (found) {
      const d = JSON.parse(found.data) as Record<string, unknown>;
      const a = d.anchor as ChainHead | null | undefined;
      report = {
        seq: found.seq, ts: found.ts, actor: found.actor, incidentRef: found.incident_ref,
        format: typeof d.format === 'string' ? d.format : '', tlp: typeof d.tlp === 'string' ? d.tlp : '', redacted: d.redacted === true,
        anchor: a && typeof a.seq === 'number' && typeof a.hash === 'string' ? { seq: a.seq, hash: a.hash } : null,
      };
    } else report = null;
  }
  const reportMatches = report === undefined || (report !== null && report.anchor?.seq === anchor.seq && report.anchor.hash === anchor.hash);
  return { ok: chain.ok && reportMatches, anchor, chain, event, ...(report !== undefined ? { report } : {}), message: explain(plain, chain, anchor, row, report) };
}

function explain(plain: VerifyResult, chain: VerifyResult, anchor: ChainHead, row: EventRow | undefined, report: RecordedReport | null | undefined): string {
  if (!plain.ok) {
    const where = plain.firstBadSeq !== undefined && plain.firstBadSeq <= anchor.seq ? 'at or before the anchored event' : 'after the anchored event';
    return `NOT VERIFIED: the log was altered ${where}: event #${plain.firstBadSeq ?? '?'} ${plain.problem ? `(${plain.problem})` : 'does not verify'}. What was derived from the log up to the anchor (a report, a backup manifest) can no longer be checked against it.`;
  }
  if (!chain.ok) {
    const lastSeq = plain.head?.seq ?? 0;
    if (anchor.seq > lastSeq) return `NOT VERIFIED: the log ends at event #${lastSeq}, before the anchored event #${anchor.seq}: events were cut off (or the anchor comes from another vault).`;
    return `NOT VERIFIED: event #${anchor.seq} of this log has hash ${row?.hash ?? '?'}, not the anchored ${anchor.hash}. The log is consistent in itself, so either it was rewritten from that event on (which only an anchor kept outside reveals), or the anchor was copied wrong or comes from another vault.`;
  }
  if (report === null) return `The log holds event #${anchor.seq} unchanged and all ${plain.count.toLocaleString('en-US')} events verify, but no report.generated event records a file with that SHA-256: this file is not a report Firebreak generated from this log, or it was changed since.`;
  if (report && (report.anchor?.seq !== anchor.seq || report.anchor.hash !== anchor.hash)) {
    return `The log holds event #${anchor.seq} unchanged, but the report with this SHA-256 was recorded (event #${report.seq}) with a different anchor (${report.anchor ? `${report.anchor.seq}:${report.anchor.hash}` : 'none'}).`;
  }
  const base = `Verified: the log holds event #${anchor.seq} unchanged and all ${plain.count.toLocaleString('en-US')} events verify.`;
  return report ? `${base} The file was recorded as report.generated event #${report.seq} (${report.format}, TLP:${report.tlp.toUpperCase()}) by ${report.actor} at ${report.ts}.` : base;
}
