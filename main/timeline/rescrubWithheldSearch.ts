import { TEXT_WITHHELD } from '../../contract';
import { personalOpener } from '../pii';
import { personalScrubber, rescrubEvents, rescrubIncident, type Db } from '../store';

const PAGE = 200;

/**
 * Indexes masked what was indexed withheld: text of incidents whose personal values were sealed to
 * the personal-data key while this process did not hold it (scrubSearchIndex withholds it whole
 * rather than index a name typed into it). Called when a holder signs in, like maskQueuedTexts;
 * an incident whose values still cannot be opened stays withheld. Returns how many incidents were
 * re-indexed. Pages through the incidents by reference, one scrubber at a time.
 */
export function rescrubWithheldSearch(db: Db): number {
  const page = db.prepare(
    `SELECT ref FROM (
       SELECT ref FROM incidents WHERE instr(search_title, @withheld) > 0 OR instr(search_tags, @withheld) > 0
       UNION SELECT e.incident_ref AS ref FROM events_search_body s JOIN events e ON e.seq = s.seq WHERE instr(s.body, @withheld) > 0 AND e.incident_ref IS NOT NULL
     ) WHERE ref > @after ORDER BY ref LIMIT ${PAGE}`,
  ).pluck();
  let done = 0;
  for (let after = ''; ; ) {
    const refs = page.all({ withheld: TEXT_WITHHELD, after }) as string[];
    db.transaction(() => {
      for (const ref of refs) {
        const scrubber = personalScrubber(db, ref, Number.MAX_SAFE_INTEGER, personalOpener(db));
        if (scrubber.isBlind) continue;
        rescrubEvents(db, ref, scrubber, undefined, true);
        rescrubIncident(db, ref, scrubber);
        done += 1;
      }
    })();
    if (refs.length < PAGE) return done;
    after = refs[refs.length - 1]!;
  }
}
