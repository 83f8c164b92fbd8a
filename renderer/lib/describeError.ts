import type { ApiError } from '../../contract';

/** One line for an API refusal: the message, then any field problems (`path: message`) after it. */
export function describeError(error: ApiError): string {
  // Some refusals repeat the message as their only issue; say it once.
  const issues = error.issues?.filter((i) => i && i !== error.message) ?? [];
  return issues.length ? `${error.message}: ${issues.join('; ')}` : error.message;
}
