import type { Db } from '../../store';
import { readIncidentFacts } from '../incidentReport/readIncidentFacts';
import type { PiiScrubber } from '../incidentReport/PiiScrubber';

/** Scrubbers kept at once: the tables walk incidents in order, so a few cover every repeat. */
const KEPT = 64;

/**
 * Per incident, a scrubber of every value its personal fields ever held (the incident report's
 * PiiScrubber, from the same history up to the anchor, plus the current values). The period report
 * prints no personal field; this masks a name that was typed into a title, a reason or an action
 * item of that incident, for a reader who may not see personal data or asked for redaction.
 */
export class IncidentScrubbers {
  private readonly cache = new Map<string, PiiScrubber>();
  private readonly current;

  constructor(private readonly db: Db, private readonly upTo: number) {
    this.current = db.prepare('SELECT reporter_name, reporter_email, reporter_phone, affected_people FROM incidents WHERE ref = ?');
  }

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
    const { scrubber } = readIncidentFacts(this.db, ref, this.upTo);
    const row = this.current.get(ref) as { reporter_name: string | null; reporter_email: string | null; reporter_phone: string | null; affected_people: string } | undefined;
    if (row) {
      scrubber.add([row.reporter_name, row.reporter_email, row.reporter_phone]);
      try {
        scrubber.add(JSON.parse(row.affected_people) as unknown);
      } catch {
        // A malformed list holds no name to mask.
      }
    }
    this.cache.set(ref, scrubber);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= KEPT) break;
      this.cache.delete(key);
    }
    return scrubber;
  }
}
