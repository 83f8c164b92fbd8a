import type { IncidentStatus } from './incidentTerms';
import type { OpenItem, TimeOrderConflict } from './phases';

/** Error codes that cross every boundary as values (never as thrown exceptions). */
export const ERROR_CODES = [
  'VALIDATION', // input failed the method's schema
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED', // no session, or it expired
  'FORBIDDEN', // signed in, but the role lacks the permission
  'BAD_CREDENTIALS', // wrong user, passphrase, recovery key or TOTP code
  'RATE_LIMITED', // too many failed attempts: wait `retryAfterMs`
  'MFA_REQUIRED', // passphrase right, TOTP code needed
  'ACCOUNT_DISABLED', // the user was disabled by an administrator: no sign-in
  'PASSPHRASE_CHANGE_REQUIRED', // an administrator set the passphrase: change it before anything else
  'LOCKED', // the vault is locked: sign in first
  'NOT_INITIALIZED', // no vault in the data directory yet
  'ALREADY_EXISTS',
  'NOT_FOUND',
  'CONFLICT', // e.g. a status change that skips a phase the wrong way
  'INTEGRITY', // hash chain or evidence hash mismatch
  'STORAGE', // disk full, unreadable file, database from the future
  'BUSY', // the server holds as much request data as it may at once: try again after `retryAfterMs` (nothing was done)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION, as `path: message`. */
  issues?: string[];
  retryAfterMs?: number;
  /** VALIDATION on a phase move over phases without a time: the phases it would skip (contract/phases.ts). */
  skippedPhases?: IncidentStatus[];
  /** VALIDATION on phase times in impossible order: each pair. */
  timeOrder?: TimeOrderConflict[];
  /** CONFLICT on closing an incident over open items without a reason: what is still open. */
  openItems?: OpenItem[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Partial<ApiError> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Exit codes of the CLI, by error code (documented in the README). */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'UNKNOWN_METHOD':
      return 2;
    case 'UNAUTHENTICATED':
    case 'BAD_CREDENTIALS':
    case 'RATE_LIMITED':
    case 'MFA_REQUIRED':
    case 'ACCOUNT_DISABLED':
    case 'PASSPHRASE_CHANGE_REQUIRED':
    case 'FORBIDDEN':
      return 3;
    case 'INTEGRITY':
      return 4;
    default:
      return 1;
  }
}

/**
 * Thrown inside the backend for an expected failure; the router turns it into a Result, so it
 * never crosses a process boundary as an exception.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Partial<Omit<ApiError, 'code' | 'message'>> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
