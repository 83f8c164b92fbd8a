import { AgeError } from './AgeError';

/** Keeps the module's promise that every failure is an AgeError, even an unforeseen one. */
export function toAgeError(err: unknown, fallback: string): AgeError {
  if (err instanceof AgeError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new AgeError('INTERNAL', `${fallback}: ${detail}`, { cause: err });
}
