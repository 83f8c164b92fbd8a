// The tar layer of backups (ARCHITECTURE.md §4): archives are plain tar (ustar + pax), so that
// `age -d -i recovery.txt X.tar.age | tar -x` restores without Firebreak, and reading one back
// refuses anything that could write outside the restore directory.
export { CorruptArchiveError } from './CorruptArchiveError';
export { HashWorker } from './HashWorker';
export { IntegrityError } from './IntegrityError';
export { packTar } from './packTar';
export { parseArchivePath, type ParsedArchivePath } from './parseArchivePath';
export { readTar } from './readTar';
export { RestoreConflictError } from './RestoreConflictError';
export { restoreTar } from './restoreTar';
export { SourceChangedError } from './SourceChangedError';
export { symlinkTargetProblem } from './symlinkTargetProblem';
export type {
  ExpectedFile,
  PackHooks,
  RestoreOptions,
  RestoreResult,
  TarEntry,
  TarEntryType,
  TarSourceEntry,
  VerifyProblem,
  VerifyResult,
} from './types';
export { UnsafeArchiveError } from './UnsafeArchiveError';
export { verifyTar, type ExpectedEntry } from './verifyTar';
