export interface BenchSizes {
  bulkEvents: number;
  latencySamples: number;
  /** Incidents created through createIncident itself, for its rate. */
  createIncidents: number;
  incidents: number;
  listRuns: number;
  searchEvents: number;
  searchRuns: number;
  uiIncidents: number;
  uiReloads: number;
  runbookFiles: number;
  runSteps: number;
  /** Bytes of the mixed file tree bench 7 backs up, verifies and restores. */
  backupBytes: number;
  /** Breaches' facts bench 8 assesses against every regime. */
  assessments: number;
  /** Notification drafts bench 8b–8f renders to each export format. */
  drafts: number;
  /** Whole-process runs of each CLI command bench 9 times (the median is reported). */
  cliRuns: number;
  /** Events of the incident whose report bench 10 renders in each format. */
  reportEvents: number;
  /** Incidents and log events bench 11 computes a year's KPIs over. */
  kpiIncidents: number;
  kpiEvents: number;
}

export const FULL_SIZES: BenchSizes = {
  bulkEvents: 100_000,
  latencySamples: 2000,
  createIncidents: 5000,
  incidents: 100_000,
  listRuns: 50,
  searchEvents: 1_000_000,
  searchRuns: 30,
  uiIncidents: 100_000,
  uiReloads: 5,
  runbookFiles: 1000,
  runSteps: 10_000,
  backupBytes: 1024 * 1024 * 1024,
  assessments: 10_000,
  drafts: 1000,
  cliRuns: 20,
  reportEvents: 10_000,
  kpiIncidents: 100_000,
  kpiEvents: 1_000_000,
};

/** `--quick`: a tenth of the data (and of the samples), for a smoke run. */
export const QUICK_SIZES: BenchSizes = {
  bulkEvents: 10_000,
  latencySamples: 200,
  createIncidents: 500,
  incidents: 10_000,
  listRuns: 20,
  searchEvents: 100_000,
  searchRuns: 10,
  uiIncidents: 10_000,
  uiReloads: 3,
  runbookFiles: 100,
  runSteps: 1000,
  backupBytes: 100 * 1024 * 1024,
  assessments: 1000,
  drafts: 100,
  cliRuns: 5,
  reportEvents: 1000,
  kpiIncidents: 10_000,
  kpiEvents: 100_000,
};

export interface BenchContext {
  /** A fresh temporary directory (real disk), removed at the end. */
  dir: string;
  sizes: BenchSizes;
  /** Progress to stderr, so stdout stays the table. */
  progress(message: string): void;
}
