import type { ApiError } from '../../contract';
import { CliError, EXIT } from './CliError';

/**
 * Phase times out of order (VALIDATION with `timeOrder`), said with the flag that keeps them: each
 * pair as the API named it, in UTC. Null for any other error. Exit 2, like every VALIDATION.
 */
export function timeOrderRefusal(error: ApiError): CliError | null {
  if (!error.timeOrder?.length) return null;
  const pairs = (error.issues ?? []).map((i) => i.slice(i.indexOf(': ') + 2));
  return new CliError(`phase times out of order: ${pairs.join('; ')}; correct the time, or pass --override-time-order REASON`, EXIT.usage, error.code);
}
