import { createHash } from 'node:crypto';
import { ApiFailure, type KpiResult } from '../../../contract';
import { computeKpis } from '../../kpis';
import { loadRegimeLibrary } from '../../notify';
import { openDatabase, type Db } from '../../store';
import type { KpiJob } from './ReportJob';

/**
 * The worker's read-only connection for KPIs, kept between jobs (one database at a time): what
 * computeKpis keeps per connection — each assessed breach's notice stages (seconds to redo at
 * 100k incidents), the previous period's headline until the log moves — and SQLCipher's page
 * cache of decrypted pages then serve the next call too. It lives as long as the worker, which
 * ends 60 s after its last job (ReportWorker.ts); another file or key (a vault made afresh)
 * replaces it. The key is the one the job carried, in this same process.
 */
let kept: { file: string; keyId: string; db: Db } | null = null;

/**
 * kpis.get's figures, computed in the report worker (tests may call it directly). The rules are
 * looked up on every job (loadRegimeLibrary keeps them until a file changes), so an organisation's
 * changed holidays are used at once, as on the backend.
 */
export function runKpiJob(job: KpiJob): KpiResult {
  const keyId = createHash('sha256').update(job.keyHex).digest('hex');
  if (kept && (kept.file !== job.dbFile || kept.keyId !== keyId)) forget();
  try {
    kept ??= { file: job.dbFile, keyId, db: openDatabase(job.dbFile, job.keyHex, { readonly: true, mustExist: true }) };
    return computeKpis(kept.db, loadRegimeLibrary(job.notifyDir, job.dataDir), job.query, job.now);
  } catch (err) {
    if (err instanceof ApiFailure) throw err;
    // A connection that failed (file gone, disk error) is not trusted for the next job.
    forget();
    throw new ApiFailure('INTERNAL', `the KPIs could not be computed: ${(err as Error).message}`);
  }
}

function forget(): void {
  const db = kept?.db;
  kept = null;
  if (db?.open) db.close();
}
