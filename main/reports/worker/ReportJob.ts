import type { Category, ChainHead, ReportFormat, Severity, TlpLevel, VerifyResult } from '../../../contract';
import type { KpiQuery } from '../../kpis';
import type { HeldPiiKey } from '../../pii';
import type { RunbookDirs } from '../../runbooks';

/**
 * A report to render off the backend's event loop (ReportWorker.ts). The job carries what the
 * worker needs to open its own read-only connection to the vault's database (the file and its
 * raw key; the worker is a thread of the same process, so the key never leaves it) and to build
 * the document. Each report is its own `kind`.
 */
export interface IncidentReportJob {
  kind: 'incident';
  dbFile: string;
  keyHex: string;
  notifyDir: string;
  dataDir: string;
  runbookDirs: RunbookDirs;
  ref: string;
  format: ReportFormat;
  tlp: TlpLevel;
  redact: boolean;
  seesPii: boolean;
  /**
   * The personal-data key the backend's connection holds (main/pii), for the worker's own: to
   * open the values for a reader with pii:read, and to mask them in free text for the others.
   * Null when none is held: the report then withholds what it cannot check.
   */
  piiKey?: HeldPiiKey | null;
  generatedBy: string;
  now: string;
}

/** The period report (issue 12 §4): the KPIs' period and filters, for leadership. */
export interface PeriodReportJob {
  kind: 'period';
  dbFile: string;
  keyHex: string;
  notifyDir: string;
  dataDir: string;
  from: string;
  to: string;
  severity: Severity[] | null;
  category: Category[] | null;
  includeExercises: boolean;
  format: ReportFormat;
  tlp: TlpLevel;
  redact: boolean;
  seesPii: boolean;
  /**
   * The personal-data key the backend's connection holds (main/pii), for the worker's own: to
   * open the values for a reader with pii:read, and to mask them in free text for the others.
   * Null when none is held: the report then withholds what it cannot check.
   */
  piiKey?: HeldPiiKey | null;
  generatedBy: string;
  now: string;
}

/**
 * kpis.get's figures (runKpiJob.ts): computed on the worker's own read-only connection, so a
 * year's dashboard over 100k incidents never holds up the backend's event loop. Figures, not a
 * document: the reply is the KpiResult itself.
 */
export interface KpiJob {
  kind: 'kpis';
  dbFile: string;
  keyHex: string;
  notifyDir: string;
  dataDir: string;
  query: KpiQuery;
  now: string;
}

export type ReportJob = IncidentReportJob | PeriodReportJob | KpiJob;
/** The jobs that produce a file (ReportJobResult). */
export type DocumentJob = Exclude<ReportJob, KpiJob>;

export interface ReportJobResult {
  data: Uint8Array;
  fileName: string;
  mediaType: string;
  /** The chain head the report was built at (null only for an empty log). */
  anchor: ChainHead | null;
  verification: VerifyResult;
}
