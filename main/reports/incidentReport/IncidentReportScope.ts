import type { ChainHead, Incident, ReportFormat, Severity, TlpLevel, VerifyResult } from '../../../contract';
import type { RegimeLibrary } from '../../notify';
import type { RunbookDirs } from '../../runbooks';
import type { Db } from '../../store';
import type { ReviewSource } from './ReviewSlots';

/** What the incident report is built from and for whom. */
export interface IncidentReportOptions {
  db: Db;
  ref: string;
  library: RegimeLibrary;
  runbookDirs: RunbookDirs;
  /** Generation time (ISO). */
  now: string;
  generatedBy: string;
  /** The reader's role may see personal data (`pii:read`). */
  seesPii: boolean;
  /** Mask personal data even so (distribution outside the team). */
  redact: boolean;
  tlp: TlpLevel;
  format: ReportFormat;
  /** The chain head the report is anchored to (read in the same snapshot); null for an empty log. */
  anchor: ChainHead | null;
  verification: VerifyResult;
  /** The reviews domain's data (ReviewSlots.ts); absent until that domain is wired in. */
  reviews?: ReviewSource;
}

/** Read once per report and shared by its sections. */
export interface IncidentReportScope extends IncidentReportOptions {
  incident: Incident;
  /** Personal data is masked in this report (the role lacks pii:read, or redact was asked for). */
  masked: boolean;
  /** The log's last sequence number included: the anchor's, so every read sees the same events. */
  upTo: number;
  eventCount: number;
  highestSeverity: Severity;
  authors: string[];
}
