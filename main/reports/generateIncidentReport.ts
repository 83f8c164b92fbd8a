import { createHash } from 'node:crypto';
import type { ReportFile, ReportFormat, TlpLevel } from '../../contract';
import { getIncident } from '../incidents';
import type { RunbookDirs } from '../runbooks';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { ReportWorker } from './worker/ReportWorker';
import { heldPiiKey } from '../pii';

export interface GenerateIncidentReportInput {
  ref: string;
  format: ReportFormat;
  tlp: TlpLevel;
  redact: boolean;
}

export interface ReportEnvironment {
  dbFile: string;
  keyHex: string;
  dataDir: string;
  notifyDir: string;
  runbookDirs: RunbookDirs;
  actor: string;
  seesPii: boolean;
  now: string;
}

/**
 * Generates the incident report off the event loop (ReportWorker) and records it: a
 * `report.generated` event with the reference, format, TLP, redaction, the anchor the report
 * carries and the SHA-256 of the file's bytes — so the file can later be tied to the log and the
 * log checked against the anchor (`log.verifyAnchor`). No file is returned without its event.
 */
export async function generateIncidentReport(openDb: () => Db, env: ReportEnvironment, input: GenerateIncidentReportInput): Promise<ReportFile> {
  // Refused at once (NOT_FOUND) rather than after starting a worker.
  getIncident(openDb(), input.ref);
  const result = await ReportWorker.shared().run({
    kind: 'incident', dbFile: env.dbFile, keyHex: env.keyHex, notifyDir: env.notifyDir, dataDir: env.dataDir, runbookDirs: env.runbookDirs,
    ref: input.ref, format: input.format, tlp: input.tlp, redact: input.redact, seesPii: env.seesPii, piiKey: heldPiiKey(openDb()), generatedBy: env.actor, now: env.now,
  });
  const data = Buffer.from(result.data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const personalData = input.redact ? 'redacted' : env.seesPii ? 'shown' : 'masked';
  // Opened again: the vault may have locked while the worker rendered (then LOCKED, and nothing is returned unrecorded).
  const event = appendEvent(openDb(), {
    actor: env.actor, type: 'report.generated', incidentRef: input.ref, ts: env.now,
    data: {
      report: 'incident', format: input.format, tlp: input.tlp, redacted: input.redact, personalData,
      anchor: result.anchor, verified: result.verification.ok, sha256, bytes: data.length, fileName: result.fileName,
    },
  });
  return {
    fileName: result.fileName, mediaType: result.mediaType, dataBase64: data.toString('base64'), sha256, bytes: data.length,
    anchor: result.anchor ?? { seq: 0, hash: '0'.repeat(64) }, verification: result.verification, eventSeq: event.seq, personalData,
  };
}
