import type { TimelineEvent } from '../../contract';
import { holdsEnvelopes, openEventData } from '../pii';
import type { Db } from '../store';
import { rowToEvent, type EventRow } from './rowToEvent';

/**
 * An event as readers get it: its personal values opened where this process holds their keys
 * (main/pii openEventData), null with `personalData` saying why where not. Hashing and verifying
 * use rowToEvent, the data as stored (ciphertext).
 */
export function readableEvent(db: Db): (row: EventRow) => TimelineEvent {
  return (row) => {
    const e = rowToEvent(row);
    return holdsEnvelopes(e.data) ? { ...e, data: openEventData(db, e.data) } : e;
  };
}
