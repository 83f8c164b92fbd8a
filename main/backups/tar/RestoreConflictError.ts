/** Something already exists where a restore would write, and overwriting was not asked for. */
export class RestoreConflictError extends Error {
  override readonly name = 'RestoreConflictError';

  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}
