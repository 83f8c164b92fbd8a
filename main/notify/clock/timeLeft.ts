import { parseInstant } from './parseInstant';

/**
 * Milliseconds from `nowIso` to `dueIso` (negative once past). At the due instant itself there is
 * no time left, so it already counts as overdue: a console that says "0 s left, on time" invites
 * sending one second too late.
 */
export function timeLeft(dueIso: string, nowIso: string): { ms: number; overdue: boolean } {
  const ms = parseInstant(dueIso) - parseInstant(nowIso);
  return { ms, overdue: ms <= 0 };
}
