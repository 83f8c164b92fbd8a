import { ApiFailure, type Review } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { EMPTY_SECTIONS, latestSignOff, readVersion } from './reviewRecords';

/**
 * The incident's post-incident review: the latest version, or `version` when given. Before the
 * first save it is version 0 with every section empty. `status` is the review's as it stands
 * now: final only while the latest version is the one signed off.
 */
export function getReview(db: Db, ref: string, version?: number): Review {
  getIncident(db, ref);
  const latest = readVersion(db, ref);
  const versions = latest?.version ?? 0;
  if (version !== undefined && version > versions) {
    throw new ApiFailure('NOT_FOUND', versions === 0
      ? `the review of ${ref} has no saved version yet`
      : `the review of ${ref} has no version ${version}: the latest is ${versions}`);
  }
  const read = version === undefined || version === versions ? latest : readVersion(db, ref, version);
  const signOff = latestSignOff(db, ref);
  const lastReopen = db
    .prepare(`SELECT version, saved_by AS by, saved_at AS at, reopened_from AS fromVersion, reopen_reason AS reason
              FROM review_versions WHERE incident_ref = ? AND reopened_from IS NOT NULL ORDER BY version DESC LIMIT 1`)
    .get(ref) as { version: number; by: string; at: string; fromVersion: number; reason: string } | undefined;
  return {
    ref,
    version: read?.version ?? 0,
    sections: read ? read.sections : { ...EMPTY_SECTIONS },
    status: signOff !== null && signOff.version === versions ? 'final' : 'draft',
    updatedBy: read?.by ?? null,
    updatedAt: read?.at ?? null,
    signedOff: signOff ? { by: signOff.by, at: signOff.at, version: signOff.version } : null,
    reopened: lastReopen ?? null,
    versions,
    sha256: read?.sha256 ?? null,
  };
}
