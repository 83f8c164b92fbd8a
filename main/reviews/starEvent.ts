import { ApiFailure } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { appendEvent } from '../timeline';
import { keyEventSeqs, STAR_TYPES } from './keyEventSeqs';

/**
 * Stars an incident's event as a key event of its review, or takes the star away. The star is an
 * event of its own (`event.starred` / `event.unstarred`, naming the seq and the starred event's
 * type) on the same incident. Refused, changing nothing: an event that does not exist or belongs
 * to no incident, a star mark itself, starring a key event again or unstarring one that is not.
 */
export function starEvent(db: Db, input: { seq: number; starred: boolean }, actor: string, now: string): { seq: number; starred: boolean; keyEvents: number[] } {
  return db.transaction(() => {
    const { seq, starred } = input;
    const target = db.prepare('SELECT type, incident_ref AS ref FROM events WHERE seq = ?').get(seq) as { type: string; ref: string | null } | undefined;
    if (!target) throw new ApiFailure('NOT_FOUND', `no event #${seq} in the log`);
    if (target.ref === null) {
      throw new ApiFailure('VALIDATION', `event #${seq} (${target.type}) belongs to no incident: only an incident's events can be its key events`);
    }
    if ((STAR_TYPES as readonly string[]).includes(target.type)) {
      throw new ApiFailure('VALIDATION', `event #${seq} is itself a star mark: star the event it names instead`);
    }
    getIncident(db, target.ref);
    const current = keyEventSeqs(db, target.ref);
    const isKey = current.includes(seq);
    if (starred && isKey) throw new ApiFailure('CONFLICT', `event #${seq} is a key event of ${target.ref} already: nothing was changed`);
    if (!starred && !isKey) throw new ApiFailure('CONFLICT', `event #${seq} is not a key event of ${target.ref}: there is no star to take away`);
    appendEvent(db, {
      actor, type: starred ? 'event.starred' : 'event.unstarred', incidentRef: target.ref, ts: now,
      data: { seq, type: target.type },
    });
    return { seq, starred, keyEvents: starred ? [...current, seq].sort((a, b) => a - b) : current.filter((s) => s !== seq) };
  }).immediate();
}
