import type { PiiScrubber } from '../../contract';
import { personalOpener } from '../pii';
import { personalScrubber, type Db } from '../store';
import { maskedCopyOf } from './maskedCopies';

/**
 * A scrubber for one incident's text: every value its personal fields ever held and every value
 * given to a runbook input marked personal (main/store personalScrubber, which the search index
 * is built with too, so search and what is shown mask the same values). `upTo` stops at a
 * sequence number; by default the whole log.
 *
 * Sealed values are opened where this process holds their keys. Where it does not, the scrubber
 * cannot know them: texts show their masked copies made by a holder's process (maskedCopies.ts),
 * else are withheld whole (PiiScrubber.blind). Erased values are gone.
 */
export function incidentScrubber(db: Db, ref: string, upTo: number = Number.MAX_SAFE_INTEGER): PiiScrubber {
  const scrubber = personalScrubber(db, ref, upTo, personalOpener(db));
  if (scrubber.isBlind) scrubber.blind(maskedCopyOf(db, ref));
  return scrubber;
}
