/**
 * A file changed between the walk that stat'ed it and the moment it was read into the archive,
 * so that the bytes promised in its tar header can no longer be delivered. A file that grew is
 * not an error: it is stored as it was at stat time.
 */
export class SourceChangedError extends Error {
  override readonly name = 'SourceChangedError';

  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path} changed while being backed up: ${detail}`);
  }
}
