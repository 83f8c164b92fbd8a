/** A restored file does not match what the backup manifest says it should be. */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';

  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}
