import type { ChainHead, KpiResult, ReportFormat, TlpLevel, VerifyResult } from '../../../contract';
import type { KpiQuery } from '../../kpis';
import type { RegimeLibrary } from '../../notify';
import type { Db } from '../../store';

/** What the period report is built from and for whom. */
export interface PeriodReportOptions {
  db: Db;
  library: RegimeLibrary;
  /** The period and the filters, as the KPIs take them. */
  query: KpiQuery;
  /** Generation time (ISO). */
  now: string;
  generatedBy: string;
  /** The reader's role may see personal data (`pii:read`). */
  seesPii: boolean;
  /** Scrub free text even so (distribution outside the team). */
  redact: boolean;
  tlp: TlpLevel;
  format: ReportFormat;
  /** The chain head the report is anchored to (read in the same snapshot); null for an empty log. */
  anchor: ChainHead | null;
  verification: VerifyResult;
}

/** Read once per report and shared by its sections. */
export interface PeriodReportScope extends PeriodReportOptions {
  kpis: KpiResult;
  /** "Q3 2026". */
  label: string;
  /** Free text is scrubbed of personal values (the role lacks pii:read, or redact was asked for). */
  masked: boolean;
  /** An incident's free text (its title, a reason, an action item) as this report may show it. */
  scrub: (ref: string, text: string) => string;
  /** An incident's reference as a table shows it: marked [EXERCISE] when it is one (only listed when exercises are included). */
  refText: (ref: string) => string;
  /** Rows per page of a streamed table. */
  pageSize: number;
}
