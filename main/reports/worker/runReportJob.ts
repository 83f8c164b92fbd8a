import { ApiFailure, type KpiResult } from '../../../contract';
import { loadRegimeLibrary, type RegimeLibrary } from '../../notify';
import { forgetPiiKey, holdPiiKey } from '../../pii';
import { openDatabase } from '../../store';
import { readHead, verifyChain } from '../../timeline';
import { buildIncidentReport } from '../incidentReport/buildIncidentReport';
import { reviewSource } from '../incidentReport/reviewSource';
import { buildPeriodReport } from '../periodReport/buildPeriodReport';
import { REPORT_MEDIA_TYPES, renderReport } from '../render/renderReport';
import type { DocumentJob, KpiJob, ReportJob, ReportJobResult } from './ReportJob';
import { runKpiJob } from './runKpiJob';

/** The notification rules, parsed once per thread and folder. */
const libraries = new Map<string, RegimeLibrary>();

/**
 * Builds and renders one report (in the report worker; tests may call it directly). Everything is
 * read in one read transaction on the worker's own connection, so the anchor, the verification
 * and every section describe the same state of the log however long rendering takes, and writers
 * on the backend's connection are never held up (WAL readers do not block writers).
 */
export async function runReportJob(job: KpiJob): Promise<KpiResult>;
export async function runReportJob(job: DocumentJob): Promise<ReportJobResult>;
export async function runReportJob(job: ReportJob): Promise<ReportJobResult | KpiResult>;
export async function runReportJob(job: ReportJob): Promise<ReportJobResult | KpiResult> {
  // Figures, not a document: their own connection, kept between jobs (runKpiJob.ts).
  if (job.kind === 'kpis') return runKpiJob(job);
  const db = openDatabase(job.dbFile, job.keyHex, { readonly: true, mustExist: true });
  if (job.piiKey) holdPiiKey(db, job.piiKey);
  try {
    db.exec('BEGIN');
    const verification = verifyChain(db);
    const anchor = readHead(db);
    const key = `${job.notifyDir}\0${job.dataDir}`;
    let library = libraries.get(key);
    if (!library) libraries.set(key, (library = loadRegimeLibrary(job.notifyDir, job.dataDir)));
    const doc = job.kind === 'period'
      ? buildPeriodReport({
          db, library, now: job.now, generatedBy: job.generatedBy, seesPii: job.seesPii, redact: job.redact, tlp: job.tlp, format: job.format, anchor, verification,
          query: { from: job.from, to: job.to, severity: job.severity ?? undefined, category: job.category ?? undefined, includeExercises: job.includeExercises },
        })
      : buildIncidentReport({
          db, ref: job.ref, library, runbookDirs: job.runbookDirs, now: job.now, generatedBy: job.generatedBy,
          seesPii: job.seesPii, redact: job.redact, tlp: job.tlp, format: job.format, anchor, verification, reviews: reviewSource,
        });
    const data = await renderReport(job.format, doc.meta, doc.blocks);
    return { data, fileName: doc.fileName, mediaType: REPORT_MEDIA_TYPES[job.format], anchor, verification };
  } catch (err) {
    throw err instanceof ApiFailure ? err : new ApiFailure('INTERNAL', `the report could not be generated: ${(err as Error).message}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    forgetPiiKey(db);
    db.close();
  }
}
