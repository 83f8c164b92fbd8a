import { describe, expect, it } from 'vitest';
import { lockedFailureRecords, UNKNOWN_USER } from '../../../main/monitoring';

const T = (min: number) => new Date(Date.UTC(2026, 2, 14, 9, min)).toISOString();
const failure = (user: string, min: number) => ({
  event: { actor: user, type: 'auth.login_failed', ts: T(min), data: { user, reason: 'passphrase', attempt: 1, transport: 'ipc', typedNote: 'never streamed' } },
  // A UUID in the backend; never derived from the name.
  pendingId: `pending-${min}`,
});
const thresholds = { failedSignInsPerUser: { threshold: 3, windowMinutes: 10 }, failedSignInsOverall: { threshold: 4, windowMinutes: 10 } };

describe('lockedFailureRecords', () => {
  it('passes only allow-listed fields, and the name typed only for a known user', () => {
    const [known] = lockedFailureRecords({ ...failure('rita', 0), knownUser: true, waiting: [] }, thresholds);
    expect(known).toEqual({
      v: 1, seq: null, ts: T(0), type: 'auth.login_failed', outcome: 'failure', actor: 'rita', incident: null, hash: null, locked: true,
      pendingId: 'pending-0', knownUser: true, user: 'rita', reason: 'passphrase', attempt: 1, transport: 'ipc',
    });
    const [unknown] = lockedFailureRecords({ ...failure('correcthorsebattery', 0), knownUser: false, waiting: [] }, thresholds);
    expect(unknown).toMatchObject({ actor: UNKNOWN_USER, user: UNKNOWN_USER, knownUser: false });
    expect(JSON.stringify(unknown)).not.toContain('correcthorse');
  });

  it('records a crossing exactly at each threshold, within the window (ts − window, ts], once per burst', () => {
    const waiting: { user: string; ts: string }[] = [];
    const crossings: unknown[] = [];
    // An old failure outside the window, then a burst: x, rita, rita, x-unknown, rita, rita.
    const burst: [string, number, boolean][] = [['rita', 0, true], ['mo', 20, true], ['rita', 21, true], ['rita', 22, true], ['zz-typo', 23, false], ['rita', 24, true], ['rita', 25, true]];
    for (const [user, min, knownUser] of burst) {
      waiting.push({ user, ts: T(min) });
      crossings.push(...lockedFailureRecords({ ...failure(user, min), knownUser, waiting }, thresholds).slice(1));
    }
    expect(crossings).toEqual([
      { v: 1, seq: null, ts: T(23), type: 'auth.login_failed_threshold', outcome: 'failure', actor: 'system', incident: null, hash: null, locked: true,
        rule: 'failed-signins-overall', subject: '*', count: 4, threshold: 4, windowMinutes: 10, windowStart: T(20), windowEnd: T(23) },
      { v: 1, seq: null, ts: T(24), type: 'auth.login_failed_threshold', outcome: 'failure', actor: 'system', incident: null, hash: null, locked: true,
        rule: 'failed-signins-user', subject: 'rita', count: 3, threshold: 3, windowMinutes: 10, windowStart: T(21), windowEnd: T(24), knownUser: true },
    ]);
  });
});
