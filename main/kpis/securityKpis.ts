import type { SecurityKpis, WeekCount } from '../../contract';
import type { Db } from '../store';
import type { Period } from './period';

const DAY = 86_400_000;

/**
 * Failed sign-ins (`auth.login_failed`) and requests refused for the caller's role
 * (`auth.denied`) per ISO week (Monday, UTC). Requests refused before a role is known — no
 * session, a malformed input, a foreign Origin at the browser-mode host — are not logged, so they
 * cannot be counted: the note says so wherever the figure is shown.
 */
export function securityKpis(db: Db, period: Period): SecurityKpis {
  const weeks = weeksOf(period);
  const byWeek = db.prepare(
    `SELECT date(ts, '-6 days', 'weekday 1') AS week, count(*) AS n FROM events
      WHERE type = ? AND unixepoch(ts, 'subsec') * 1000 >= ? AND unixepoch(ts, 'subsec') * 1000 < ? GROUP BY week`,
  );
  const count = (type: string): { total: number; weeks: WeekCount[] } => {
    const found = new Map((byWeek.all(type, period.startMs, period.endMs) as { week: string; n: number }[]).map((r) => [r.week, r.n]));
    const list = weeks.map((week) => ({ week, count: found.get(week) ?? 0 }));
    return { total: list.reduce((n, w) => n + w.count, 0), weeks: list };
  };
  const failed = count('auth.login_failed');
  const refused = count('auth.denied');
  return {
    failedSignIns: failed.total, failedSignInsByWeek: failed.weeks, refusedRequests: refused.total, refusedRequestsByWeek: refused.weeks,
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
