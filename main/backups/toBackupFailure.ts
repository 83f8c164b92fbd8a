import { ApiFailure } from '../../contract';
import { AgeError } from './age';
import { CorruptArchiveError, IntegrityError, RestoreConflictError, SourceChangedError, UnsafeArchiveError } from './tar';

/**
 * The tar and age layers' errors in the API's words: damage is INTEGRITY (the CLI exits 4), a
 * restore that would overwrite is CONFLICT, naming the file; `where` says which archive.
 */
export function toBackupFailure(err: unknown, where: string): unknown {
  if (err instanceof ApiFailure) return err;
  if (err instanceof RestoreConflictError) return new ApiFailure('CONFLICT', err.message);
  if (err instanceof IntegrityError || err instanceof CorruptArchiveError || err instanceof UnsafeArchiveError || err instanceof AgeError) {
    return new ApiFailure('INTEGRITY', `${where}: ${err.message}`);
  }
  if (err instanceof SourceChangedError) return new ApiFailure('CONFLICT', err.message);
  return err;
}
