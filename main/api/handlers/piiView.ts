import { roleHas, type TimelineEvent } from '../../../contract';
import { incidentScrubber, PiiScrubber } from '../../incidents';
import { maskEvent } from '../../timeline';
import { actorOf, type Context } from './Context';

/**
 * What a role without `pii:read` is shown of free text: the incident's personal fields are
 * withheld (maskIncident, maskEvent), and every value those fields ever held is masked wherever
 * else it was typed — a note, a review, an action item, a notice, a title — as the incident report
 * masks it (main/incidents PiiScrubber). One request builds each incident's scrubber once.
 */
export interface PiiView {
  /** The scrubber of an incident's known personal values (an empty one for no incident). */
  scrubberOf(ref: string | null): PiiScrubber;
  text(ref: string | null, s: string): string;
  /** maskEvent, then every string of its data scrubbed. */
  event(e: TimelineEvent): TimelineEvent;
  events(list: TimelineEvent[]): TimelineEvent[];
}

const EMPTY = new PiiScrubber();

/** Null when the caller may read personal data: nothing is masked then. */
export function piiViewOf(ctx: Context): PiiView | null {
  if (roleHas(actorOf(ctx).role, 'pii:read')) return null;
  const { db } = ctx.open();
  const cache = new Map<string, PiiScrubber>();
  const scrubberOf = (ref: string | null): PiiScrubber => {
    if (ref === null) return EMPTY;
    let s = cache.get(ref);
    if (!s) {
      s = incidentScrubber(db, ref);
      cache.set(ref, s);
    }
    return s;
  };
  const event = (e: TimelineEvent): TimelineEvent => {
    const masked = maskEvent(e);
    return { ...masked, data: scrubberOf(e.incidentRef).scrubDeep(masked.data) };
  };
  return {
    scrubberOf,
    text: (ref, s) => scrubberOf(ref).scrub(s),
    event,
    events: (list) => list.map(event),
  };
}
