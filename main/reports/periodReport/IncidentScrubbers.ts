import { incidentScrubber, type PiiScrubber } from '../../incidents';
import type { Db } from '../../store';

/** Scrubbers kept at once: the tables walk incidents in order, so a few cover every repeat. */
const KEPT = 64;

/**
 * Per incident, a scrubber of every value its personal fields ever held (main/incidents'
 * incidentScrubber: the history up to the anchor, plus the current values). The period report
 * prints no personal field; this masks a name that was typed into a title, a reason or an action
 * item of that incident, for a reader who may not see personal data or asked for redaction.
 */
export class IncidentScrubbers {
  private readonly cache = new Map<string, PiiScrubber>();
  constructor(private readonly db: Db, private readonly upTo: number) {}

  scrub(ref: string, text: string): string {
    return this.of(ref).scrub(text);
  }

  private of(ref: string): PiiScrubber {
    const hit = this.cache.get(ref);
    if (hit) {
      // Most recently used last, so the oldest goes first.
      this.cache.delete(ref);
      this.cache.set(ref, hit);
      return hit;
    }
    const scrubber = incidentScrubber(this.db, ref, this.upTo);
    this.cache.set(ref, scrubber);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= KEPT) break;
      this.cache.delete(key);
    }
    return scrubber;
  }
}
