import type { TimelineEvent } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { readEvents } from '../timeline';
import { keyEventSeqs } from './keyEventSeqs';

/**
 * The incident's key events (starred, not unstarred since), oldest first, as the log holds them:
 * callers mask personal data for roles without `pii:read` (main/timeline maskEvent), as for the timeline.
 */
export function listKeyEvents(db: Db, ref: string): TimelineEvent[] {
  getIncident(db, ref);
  return readEvents(db, keyEventSeqs(db, ref));
}
