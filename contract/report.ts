import './zodConfig';
/** Reports (main/reports): the incident report's input and the file it returns, and the log anchor it carries. */
import { z } from 'zod';
import { refSchema } from './incident';
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS } from './reportTerms';
import type { ChainHead, VerifyResult } from './timeline';

export { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, TLP_MEANING } from './reportTerms';
export type { ReportFormat, TlpLevel } from './reportTerms';

export const incidentReportInputSchema = z.strictObject({
  ref: refSchema,
  format: z.enum(REPORT_FORMATS),
  tlp: z.enum(TLP_LEVELS).default(DEFAULT_TLP),
  /** Masks personal data for anyone (distribution outside the team); without it, only roles lacking `pii:read` see it masked. */
  redact: z.boolean().default(false),
});

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits (a SHA-256)');

export const anchorInputSchema = z.strictObject({
  seq: z.number().int().min(1, 'an anchor names an event: its sequence number starts at 1'),
  hash: hashSchema,
  /** The SHA-256 of a report file: the check then also finds the `report.generated` event that recorded it. */
  reportSha256: hashSchema.optional(),
});

/** A generated report: the file, its hash, and the log anchor it carries. */
export interface ReportFile {
  fileName: string;
  mediaType: string;
  dataBase64: string;
  /** SHA-256 of the file's bytes, as recorded in the `report.generated` event. */
  sha256: string;
  bytes: number;
  /** The chain head the report was generated at (printed in it): check it later with `log.verifyAnchor`. */
  anchor: ChainHead;
  /** The chain verification at generation (also printed in the report). */
  verification: VerifyResult;
  /** The `report.generated` event that records this file. */
  eventSeq: number;
  /** Personal data in the file: shown, masked (the role lacks pii:read) or redacted (asked for). */
  personalData: 'shown' | 'masked' | 'redacted';
}

/** The event an anchor names, as the log holds it now. */
export interface AnchoredEvent {
  seq: number;
  ts: string;
  actor: string;
  type: string;
  incidentRef: string | null;
}

/** A `report.generated` event found by the report file's SHA-256. */
export interface RecordedReport {
  seq: number;
  ts: string;
  actor: string;
  incidentRef: string | null;
  format: string;
  tlp: string;
  redacted: boolean;
  anchor: ChainHead | null;
}

export interface AnchorCheck {
  /** The log still holds the anchored event unchanged and the whole chain verifies (and, when asked, the report is recorded against this anchor). */
  ok: boolean;
  anchor: ChainHead;
  /** The whole chain's verification, with the anchor as an expected head (docs/log-format.md, step 5). */
  chain: VerifyResult;
  /** The event at the anchor's sequence number as stored now (null when there is none). */
  event: AnchoredEvent | null;
  /** With `reportSha256`: the `report.generated` event recording that file, or null when none does. */
  report?: RecordedReport | null;
  /** One sentence for a person: what holds, or what failed and what that means. */
  message: string;
}
