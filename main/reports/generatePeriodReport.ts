import { createHash } from 'node:crypto';
import type { Category, ReportFile, ReportFormat, Severity, TlpLevel } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import type { ReportEnvironment } from './generateIncidentReport';
import { ReportWorker } from './worker/ReportWorker';
import { heldPiiKey } from '../pii';

export interface GeneratePeriodReportInput {
  from: string;
  to: string;
  severity?: Severity[] | undefined;
  category?: Category[] | undefined;
  includeExercises: boolean;
  format: ReportFormat;
  tlp: TlpLevel;
  redact: boolean;
}

/**
 * Generates the period report off the event loop (ReportWorker) and records it as the incident
 * report is recorded: a `report.generated` event with the period, the filters, format, TLP,
 * redaction, the anchor the report carries and the SHA-256 of the file's bytes — on no incident
 * (the log keeps such events with a null incident reference, like sign-ins and backups), so the
 * Audit log shows it and `log.verifyAnchor` finds it by the file's hash.
 */
export async function generatePeriodReport(openDb: () => Db, env: Omit<ReportEnvironment, 'runbookDirs'>, input: GeneratePeriodReportInput): Promise<ReportFile> {
  // Refused at once (LOCKED) rather than after starting a worker.
  openDb();
  const severity = input.severity?.length ? input.severity : null;
  const category = input.category?.length ? input.category : null;
  const result = await ReportWorker.shared().run({
    kind: 'period', dbFile: env.dbFile, keyHex: env.keyHex, notifyDir: env.notifyDir, dataDir: env.dataDir,
    from: input.from, to: input.to, severity, category, includeExercises: input.includeExercises,
    format: input.format, tlp: input.tlp, redact: input.redact, seesPii: env.seesPii, piiKey: heldPiiKey(openDb()), generatedBy: env.actor, now: env.now,
  });
  const data = Buffer.from(result.data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const personalData = input.redact ? 'redacted' : env.seesPii ? 'shown' : 'masked';
  // Opened again: the vault may have locked while the worker rendered (then LOCKED, and nothing is returned unrecorded).
  const event = appendEvent(openDb(), {
    actor: env.actor, type: 'report.generated', incidentRef: null, ts: env.now,
    data: {
      report: 'period', from: input.from, to: input.to, severity, category, includeExercises: input.includeExercises,
      format: input.format, tlp: input.tlp, redacted: input.redact, personalData,
      anchor: result.anchor, verified: result.verification.ok, sha256, bytes: data.length, fileName: result.fileName,
    },
  });
  return {
    fileName: result.fileName, mediaType: result.mediaType, dataBase64: data.toString('base64'), sha256, bytes: data.length,
    anchor: result.anchor ?? { seq: 0, hash: '0'.repeat(64) }, verification: result.verification, eventSeq: event.seq, personalData,
  };
}
