import { ALL_USERS, ROLE_PERMISSIONS, ROLES, type AlertRule, type AlertSettings, type Role, type TimelineEvent } from '../../contract';
import type { Db } from '../store';
import { countOnAlert, findOpenAlert, raiseAlert } from './alertStore';
import { isWorkingTime } from './isWorkingTime';
import { prepared } from './prepared';

const MINUTE = 60_000;

/** The event types any rule looks at: every other append costs one Set lookup. */
export const WATCHED_TYPES: ReadonlySet<string> = new Set([
  'auth.login_failed', 'auth.login', 'incident.pii_viewed', 'evidence.viewed', 'evidence.exported', 'vault.key_exported',
  'backup.identity_exported', 'user.role_changed', 'backup.plan_recipients_changed', 'log.verification_failed',
]);

interface Match {
  rule: AlertRule;
  subject: string;
  windowMinutes: number;
  threshold: number;
  /** Matching events in the window, this one included, and the first one's time. */
  count: number;
  firstTs: string;
  detail: Record<string, unknown>;
}

const minus = (ts: string, minutes: number) => new Date(Date.parse(ts) - minutes * MINUTE).toISOString();
const plus = (ts: string, minutes: number) => new Date(Date.parse(ts) + minutes * MINUTE).toISOString();

/**
 * Evaluates the rules on one appended event, by the event's own time (a failure recorded late, at
 * the next sign-in, counts where it happened). Bounded work: at most two indexed counts over one
 * window, and one indexed look-up of the open alert. Returns the alerts raised (not those counted on).
 */
export function evaluateEvent(db: Db, event: TimelineEvent, settings: AlertSettings, now: string): number[] {
  if (!WATCHED_TYPES.has(event.type)) return [];
  const raised: number[] = [];
  for (const match of matchesOf(db, event, settings)) {
    const id = countOrRaise(db, event, match, now);
    if (id !== null) raised.push(id);
  }
  return raised;
}

function matchesOf(db: Db, e: TimelineEvent, s: AlertSettings): Match[] {
  const user = typeof e.data.user === 'string' ? e.data.user : e.actor;
  const once = (rule: AlertRule, subject: string, detail: Record<string, unknown>): Match =>
    ({ rule, subject, windowMinutes: s.repeatMinutes, threshold: 1, count: 1, firstTs: e.ts, detail });
  switch (e.type) {
    case 'auth.login_failed': {
      const out: Match[] = [];
      if (e.data.reason === 'disabled') out.push(once('disabled-user-signin', user, { transport: e.data.transport ?? null }));
      const perUser = s.failedSignInsPerUser;
      const mine = countWindow(db, 'events_failed_signins_by_actor', "type = 'auth.login_failed' AND actor = ?", [e.actor], e.ts, perUser.windowMinutes);
      if (mine.n >= perUser.threshold) {
        out.push({ rule: 'failed-signins-user', subject: user, ...perUser, count: mine.n, firstTs: mine.first, detail: { reason: e.data.reason ?? null } });
      }
      const all = s.failedSignInsOverall;
      const everyone = countWindow(db, 'events_failed_signins', "type = 'auth.login_failed'", [], e.ts, all.windowMinutes);
      if (everyone.n >= all.threshold) out.push({ rule: 'failed-signins-overall', subject: ALL_USERS, ...all, count: everyone.n, firstTs: everyone.first, detail: {} });
      return out;
    }
    case 'incident.pii_viewed':
    case 'evidence.viewed':
    case 'evidence.exported': {
      const burst = s.personalDataBurst;
      const mine = countWindow(
        db, 'events_personal_data_access', "type IN ('incident.pii_viewed', 'evidence.viewed', 'evidence.exported') AND actor = ?", [e.actor], e.ts, burst.windowMinutes,
      );
      return mine.n >= burst.threshold ? [{ rule: 'personal-data-burst', subject: e.actor, ...burst, count: mine.n, firstTs: mine.first, detail: {} }] : [];
    }
    case 'vault.key_exported':
      return [once('key-export', e.actor, { transport: e.data.transport ?? null })];
    case 'backup.identity_exported':
      return [once('identity-export', e.actor, {})];
    case 'user.role_changed': {
      const from = e.data.from as Role;
      const to = e.data.to as Role;
      if (!ROLES.includes(from) || !ROLES.includes(to)) return [];
      const gained = ROLE_PERMISSIONS[to].filter((p) => !ROLE_PERMISSIONS[from].includes(p));
      return gained.length > 0 ? [once('role-escalation', String(e.data.name), { from, to, by: e.actor, gained })] : [];
    }
    case 'backup.plan_recipients_changed': {
      const added = Array.isArray(e.data.added) ? e.data.added.length : 0;
      return added > 0 ? [once('backup-recipient-added', e.actor, { plan: e.data.plan ?? null, recipientsAdded: added })] : [];
    }
    case 'log.verification_failed':
      return [once('chain-verification-failed', e.actor, { firstBadSeq: e.data.firstBadSeq ?? null })];
    case 'auth.login':
      if (!s.workingHours.enabled || isWorkingTime(e.ts, s.workingHours)) return [];
      return [once('off-hours-signin', user, { timeZone: s.workingHours.timeZone, transport: e.data.transport ?? null })];
    default:
      return [];
  }
}

/**
 * How many events of the partial index `index` (matching `where`) fall in (ts − window, ts], and
 * the first one's time. The index is named: without statistics the planner might walk a wider one.
 */
function countWindow(db: Db, index: string, where: string, args: unknown[], ts: string, windowMinutes: number): { n: number; first: string } {
  const row = prepared(db, `SELECT count(*) AS n, min(ts) AS first FROM events INDEXED BY ${index} WHERE ${where} AND ts > ? AND ts <= ?`)
    .get(...args, minus(ts, windowMinutes), ts) as { n: number; first: string | null };
  return { n: row.n, first: row.first ?? ts };
}

/**
 * De-duplication: a match within the window of the rule's open alert about the same subject is
 * counted on it; otherwise a new alert is raised. Returns the new alert's id, or null.
 */
function countOrRaise(db: Db, e: TimelineEvent, m: Match, now: string): number | null {
  const open = findOpenAlert(db, m.rule, m.subject);
  if (open && e.ts >= minus(open.windowStart, m.windowMinutes) && e.ts <= plus(open.windowEnd, m.windowMinutes)) {
    countOnAlert(db, open.id, e.ts, e.seq);
    return null;
  }
  return raiseAlert(db, {
    rule: m.rule, subject: m.subject, windowStart: m.firstTs < e.ts ? m.firstTs : e.ts, windowEnd: e.ts, windowMinutes: m.windowMinutes,
    threshold: m.threshold, count: m.count, triggerSeq: e.seq, detail: m.detail,
  }, now).id;
}
