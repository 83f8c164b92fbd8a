/**
 * Why an age operation failed, so callers (backup verify, restore, the UI) can react to the
 * kind of failure without parsing messages.
 */
export type AgeErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_KEY'
  | 'INVALID_RECIPIENT'
  | 'NOT_AGE'
  | 'UNSUPPORTED'
  | 'MALFORMED_HEADER'
  | 'PASSPHRASE_REQUIRED'
  | 'IDENTITY_REQUIRED'
  | 'NO_MATCH'
  | 'WRONG_PASSPHRASE'
  | 'WORK_FACTOR_TOO_HIGH'
  | 'HEADER_MAC'
  | 'PAYLOAD_AUTH'
  | 'MALFORMED_PAYLOAD'
  | 'TRUNCATED'
  | 'TRAILING_DATA'
  /** A bug here rather than a problem with the input; the cause is attached. */
  | 'INTERNAL';

/** Every failure of this module, whether from bad input, a bad key or a damaged file. */
export class AgeError extends Error {
  override readonly name = 'AgeError';

  constructor(
    readonly code: AgeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
