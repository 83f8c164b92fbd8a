import { ALL_USERS } from '../../contract';
import type { SiemConfig } from './siemConfig';
import { SECURITY_RECORD_VERSION, toSecurityRecord, type LockedSecurityRecord } from './toSecurityRecord';

export interface LockedFailure {
  /** The failure's `auth.login_failed` event as it waits in the attempts file for the log. */
  event: { actor: string; type: string; ts: string; data: Record<string, unknown> };
  /** Its id there: the log event carries it as `pendingId`. */
  pendingId: string;
  /** Whether the name typed is a user of this vault (it has a key slot). */
  knownUser: boolean;
  /** The failures waiting in the attempts file, this one included (bounded by the file's limit). */
  waiting: readonly { user: string; ts: string }[];
}

/** Shown instead of a name typed at sign-in that is no user: it may be a passphrase typed in the wrong field. */
export const UNKNOWN_USER = '(unknown)';

/**
 * The stream lines for a failed sign-in at a locked vault: the failure itself, and a threshold
 * record when this failure is the one that makes a failed sign-in rule's count reach its threshold
 * among the failures waiting for the log (exactly at the threshold, so a burst gives one record per
 * rule). The alert proper is raised from the log at the next unlock (docs/security.md).
 *
 * The name typed is streamed only when it is a user of this vault: an unknown "name" is often a
 * passphrase typed into the name field, and the stream leaves the machine.
 */
export function lockedFailureRecords(f: LockedFailure, thresholds: Pick<SiemConfig, 'failedSignInsPerUser' | 'failedSignInsOverall'>): LockedSecurityRecord[] {
  const name = f.knownUser ? f.event.actor : UNKNOWN_USER;
  const data = { ...f.event.data, user: name };
  const base = toSecurityRecord({ seq: 0, ts: f.event.ts, actor: name, type: f.event.type, incidentRef: null, data, prevHash: '', hash: '' });
  if (!base) return [];
  const records: LockedSecurityRecord[] = [{ ...base, seq: null, hash: null, incident: null, locked: true, pendingId: f.pendingId, knownUser: f.knownUser }];
  const at = Date.parse(f.event.ts);
  const rules = [
    { rule: 'failed-signins-user', subject: name, settings: thresholds.failedSignInsPerUser, matches: (u: string) => u === f.event.actor },
    { rule: 'failed-signins-overall', subject: ALL_USERS, settings: thresholds.failedSignInsOverall, matches: () => true },
  ];
  for (const { rule, subject, settings, matches } of rules) {
    // A window counts failures in (ts − window, ts], as the alert rules do.
    const from = at - settings.windowMinutes * 60_000;
    let count = 0;
    let windowStart = f.event.ts;
    for (const w of f.waiting) {
      const t = Date.parse(w.ts);
      if (t > from && t <= at && matches(w.user)) {
        count += 1;
        if (w.ts < windowStart) windowStart = w.ts;
      }
    }
    if (count !== settings.threshold) continue;
    records.push({
      v: SECURITY_RECORD_VERSION, seq: null, ts: f.event.ts, type: 'auth.login_failed_threshold', outcome: 'failure', actor: 'system', incident: null, hash: null,
      locked: true, rule, subject, count, threshold: settings.threshold, windowMinutes: settings.windowMinutes, windowStart, windowEnd: f.event.ts,
      ...(rule === 'failed-signins-user' ? { knownUser: f.knownUser } : {}),
    });
  }
  return records;
}
