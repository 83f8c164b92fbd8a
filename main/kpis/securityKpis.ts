import type { SecurityKpis, WeekCount } from '../../contract';
import type { Db } from '../store';
import type { Period } from './period';

const DAY = 86_400_000;

/**
 * Failed sign-ins (`auth.login_failed`), requests refused for the caller's role (`auth.denied`)
 * and security alerts raised (`security.alert`) per ISO week (Monday, UTC). Requests refused before a role is known — no
 * session, a malformed input, a foreign Origin at the browser-mode host — are not logged, so they
 * cannot be counted: the note says so wherever the figure is shown.
 */
export function securityKpis(db: Db, period: Period): SecurityKpis {
  const weeks = weeksOf(period);
  // The log's times are UTC ISO (appendEvent's callers stamp them with toISOString): compared and
  // cut as text, per day, then folded into weeks here.
  // The partial index for the type (migration 0210) holds just those events' times; the planner,
  // without statistics, would rather walk events_type and read every row: so it is named.
  const INDEX = { 'auth.login_failed': 'events_failed_signins', 'auth.denied': 'events_refusals', 'security.alert': 'events_security_alerts' } as const;
  const byDay = (type: keyof typeof INDEX) =>
    db.prepare(`SELECT substr(ts, 1, 10) AS day, count(*) AS n FROM events INDEXED BY ${INDEX[type]} WHERE type = '${type}' AND ts >= ? AND ts < ? GROUP BY day`).raw(true);
  const count = (type: keyof typeof INDEX): { total: number; weeks: WeekCount[] } => {
    const found = new Map<string, number>();
    for (const [day, n] of byDay(type).all(new Date(period.startMs).toISOString(), new Date(period.endMs).toISOString()) as [string, number][]) {
      const d = Date.parse(`${day}T00:00:00.000Z`);
      const monday = new Date(d - ((new Date(d).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
      found.set(monday, (found.get(monday) ?? 0) + n);
    }
    const list = weeks.map((week) => ({ week, count: found.get(week) ?? 0 }));
    return { total: list.reduce((n, w) => n + w.count, 0), weeks: list };
  };
  const failed = count('auth.login_failed');
  const refused = count('auth.denied');
  const alerts = count('security.alert');
  return {
    failedSignIns: failed.total, failedSignInsByWeek: failed.weeks, refusedRequests: refused.total, refusedRequestsByWeek: refused.weeks,
    alertsRaised: alerts.total, alertsRaisedByWeek: alerts.weeks,
    note: 'Refused requests are those refused for the role (logged as auth.denied). Requests refused before a role is known — no session, invalid input, a foreign origin at the browser-mode host — are not logged, so they are not counted.',
  };
}

/** The Mondays starting every ISO week the period touches. */
function weeksOf(period: Period): string[] {
  const first = new Date(period.startMs);
  const back = (first.getUTCDay() + 6) % 7;
  const out: string[] = [];
  for (let t = period.startMs - back * DAY; t < period.endMs; t += 7 * DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
