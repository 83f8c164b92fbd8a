import type { Db } from '../store';
import { observeAppends } from '../timeline';
import { getAlertSettings } from '../settings';
import { evaluateEvent, WATCHED_TYPES } from './evaluateEvent';

/**
 * Evaluates the alert rules on every event appended through this connection, inside the append's
 * transaction (an alert commits with the event that raised it). A rule that fails is rolled back
 * alone (its own savepoint) and reported through `onError`: the event it looked at is never lost
 * for it.
 */
export function watchSecurity(db: Db, opts: { now: () => string; onError: (err: unknown) => void }): void {
  observeAppends(db, (event) => {
    if (!WATCHED_TYPES.has(event.type)) return;
    try {
      db.transaction(() => evaluateEvent(db, event, getAlertSettings(db), opts.now()))();
    } catch (err) {
      opts.onError(err);
    }
  });
}
