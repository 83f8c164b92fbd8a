import type { ActionAlarm, DeadlineAlarm } from '../../contract';
import { raisePlanReviewAlarms } from '../backups';
import { loadRegimeLibrary, raiseDeadlineAlarms } from '../notify';
import { raiseActionAlarms } from '../reviews';
import { getAlarmSettings } from '../settings';
import type { Db } from '../vault';
import { logError } from './logError';

export interface RaisedAlarms {
  deadlines: DeadlineAlarm[];
  actions: ActionAlarm[];
  /** Backup plans newly waiting for an administrator's review (their database content or recipients). */
  planReviews: { plan: string; reasons: string[] }[];
}

/**
 * One sweep of every alarm kept in the log: notification deadlines (at the administrator's
 * thresholds, else the backend's option), action items due within a day or overdue, and backup
 * plans waiting for an administrator's review. Each kind
 * is raised apart, so a fault in one (logged) never silences the other.
 */
export function sweepAlarms(db: Db, opts: { dataDir: string; notifyDir: string; now: string; deadlineAlarmHours: readonly number[] }): RaisedAlarms {
  const raised: RaisedAlarms = { deadlines: [], actions: [], planReviews: [] };
  try {
    raised.deadlines = raiseDeadlineAlarms(db, loadRegimeLibrary(opts.notifyDir, opts.dataDir), opts.now, getAlarmSettings(db, opts.deadlineAlarmHours).hours);
  } catch (err) {
    logError(opts.dataDir, 'notify deadline alarms', err);
  }
  try {
    raised.actions = raiseActionAlarms(db, opts.now);
  } catch (err) {
    logError(opts.dataDir, 'action item alarms', err);
  }
  try {
    raised.planReviews = raisePlanReviewAlarms(db, opts.now);
  } catch (err) {
    logError(opts.dataDir, 'backup plan review alarms', err);
  }
  return raised;
}
