import type { AnchorCheck, ChainHead, RecordedReport } from '../../contract';
import type { Db } from '../store';
import { verifyChain } from '../timeline';

interface EventRow {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incident_ref: string | null;
  hash: string;
}

/**
 * Proves that the log still holds the event an anchor names, unchanged: the whole chain verifies
 * with the anchor as an expected head (docs/log-format.md, "Verification" step 5) — so the event at
 * `seq` has exactly `hash`, and every event before it is the one that hash commits to. With the
 * SHA-256 of a report file, also finds the `report.generated` event that recorded that file, and
 * checks it names the same anchor.
 */
export function verifyAnchor(db: Db, anchor: ChainHead, reportSha256?: string): AnchorCheck {
  const chain = verifyChain(db, anchor);
  const row = db.prepare('SELECT seq, ts, actor, type, incident_ref, hash FROM events WHERE seq = ?').get(anchor.seq) as EventRow | undefined;
  const event = row ? { seq: row.seq, ts: row.ts, actor: row.actor, type: row.type, incidentRef: row.incident_ref } : null;
  let report: RecordedReport | null | undefined;
  if (reportSha256 !== undefined) {
    const found = db
      .prepare("SELECT seq, ts, actor, incident_ref, data FROM events WHERE type = 'report.generated' AND json_extract(data, '$.sha256') = ? ORDER BY seq LIMIT 1")
      .get(reportSha256) as { seq: number; ts: string; actor: string; incident_ref: string | null; data: string } | undefined;
    if (found) {
      const d = JSON.parse(found.data) as Record<string, unknown>;
      const a = d.anchor as ChainHead | null | undefined;
      report = {
        seq: found.seq, ts: found.ts, actor: found.actor, incidentRef: found.incident_ref, format: typeof d.format === 'string' ? d.format : '', tlp: typeof d.tlp === 'string' ? d.tlp : '',
        redacted: d.redacted === true, anchor: a && typeof a.seq === 'number' && typeof a.hash === 'string' ? { seq: a.seq, hash: a.hash } : null,
      };
    } else report = null;
  }
  const reportMatches = report === undefined || (report !== null && report.anchor?.seq === anchor.seq && report.anchor.hash === anchor.hash);
  const ok = chain.ok && reportMatches;
  return { ok, anchor, chain, event, ...(report !== undefined ? { report } : {}), message: explain(chain, anchor, row, report) };
}

function explain(chain: AnchorCheck['chain'], anchor: ChainHead, row: EventRow | undefined, report: RecordedReport | null | undefined): string {
  if (!chain.ok) {
    if (chain.firstBadSeq !== undefined && chain.firstBadSeq <= anchor.seq) {
      const what = row && row.hash !== anchor.hash
        ? `event #${anchor.seq} now has hash ${row.hash}, not the anchored ${anchor.hash}`
        : !row ? `the log has no event #${anchor.seq}` : `event #${chain.firstBadSeq} is not as it was`;
      return `NOT VERIFIED: the log no longer holds what the anchor recorded — ${what}. First bad event: #${chain.firstBadSeq} (${chain.problem ?? 'the chain does not verify'}). Whatever was derived from it (a report, a backup manifest) describes a log that has since been altered.`;
    }
    return `NOT VERIFIED: the log was altered after the anchor, at event #${chain.firstBadSeq ?? '?'} (${chain.problem ?? 'the chain does not verify'}).`;
  }
  if (report === null) return `The log holds event #${anchor.seq} unchanged and the whole chain verifies, but no report.generated event records a file with that SHA-256: this file is not a report Firebreak generated from this log (or it was changed since).`;
  if (report && (report.anchor?.seq !== anchor.seq || report.anchor.hash !== anchor.hash)) {
    return `The log holds event #${anchor.seq} unchanged, but the report with this SHA-256 was recorded (event #${report.seq}) with a different anchor (${report.anchor ? `${report.anchor.seq}:${report.anchor.hash}` : 'none'}).`;
  }
  const base = `Verified: the log holds event #${anchor.seq} unchanged and all ${chain.count.toLocaleString('en-US')} events verify.`;
  return report ? `${base} The file was recorded as report.generated event #${report.seq} (${report.format}, TLP:${report.tlp.toUpperCase()}) by ${report.actor} at ${report.ts}.` : base;
}
