import type { ErrorCode } from '../../contract';

/** A failure the CLI reports as one line on stderr with a specific exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** Set when the failure is an error Result from the backend. */
    readonly apiCode?: ErrorCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT = { ok: 0, error: 1, usage: 2, auth: 3, integrity: 4 } as const;

export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
