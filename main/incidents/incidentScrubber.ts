import type { PiiScrubber } from '../../contract';
import { personalScrubber, type Db } from '../store';

/**
 * A scrubber for one incident's text: every value its personal fields ever held and every value
 * given to a runbook input marked personal (main/store personalScrubber, which the search index
 * is built with too, so search and what is shown mask the same values). `upTo` stops at a
 * sequence number; by default the whole log.
 */
export function incidentScrubber(db: Db, ref: string, upTo: number = Number.MAX_SAFE_INTEGER): PiiScrubber {
  return personalScrubber(db, ref, upTo);
}
