import type { Db, PersonalOpener } from '../store';
import { isEnvelope, openEnvelope } from './envelopes';

/**
 * The opener main/store personalScrubber takes: an envelope opened where this process holds its
 * subject's key (else why not), any other value as it is. The search index (main/timeline
 * scrubSearchIndex) and what is shown (main/incidents incidentScrubber) mask with the same values.
 */
export function personalOpener(db: Db): PersonalOpener {
  return (field, value) => (isEnvelope(value) ? openEnvelope(db, value, field) : { ok: true, value });
}
