import type { ApiError } from '../../contract';
import { exitCodeFor } from '../../contract/errors';
import { CliError } from './CliError';

/** An error Result as a CLI failure: its message (and field issues) on one line, its exit code. */
export function apiFailure(error: ApiError): CliError {
  // The router's message already quotes the first issue; add only the ones it left out.
  const all = error.issues ?? [];
  const rest = all.length > 0 && error.message.endsWith(all[0] as string) ? all.slice(1) : all;
  const issues = rest.length > 0 ? `${all.length > rest.length ? ';' : ':'} ${rest.join('; ')}` : '';
  // The sign-in backoff's message names the wait itself; say it once.
  const retry = error.retryAfterMs !== undefined && !error.message.includes('try again in') ? ` (try again in ${Math.ceil(error.retryAfterMs / 1000)} s)` : '';
  return new CliError(`${error.message}${issues}${retry}`, exitCodeFor(error.code), error.code);
}
