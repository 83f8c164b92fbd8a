import type { Db } from '../store';
import { assessIncident, type RegimeLibrary } from '../notify';

/** One stage of an obligation, as the on-time rate reads it. */
export interface NoticeStage {
  regimeId: string;
  regimeName: string;
  stageTitle: string;
  /** The deadline (ms), or NaN without a fixed one ("as soon as possible", start unknown). */
  due: number;
  /** When the notice that met it was sent (ms), or NaN while none is. */
  sentAt: number;
  dueIso: string | null;
}

type Entry = { version: string; library: RegimeLibrary; stages: NoticeStage[] };
const cache = new WeakMap<Db, Map<string, Entry>>();

/**
 * The stages an incident must notify — regimes whose outcome is notify or undetermined (the
 * clocks run while a threshold is undecided) and not decided not required — with their deadline
 * and when each was met. An assessment costs about a third of a millisecond per regime set, so
 * each incident's stages are kept until its facts, fields, notices or decisions change (`version`,
 * as the deadline board keys its rows) or the rules do.
 */
export function noticeStages(db: Db, library: RegimeLibrary, ref: string, version: string, now: string): NoticeStage[] {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map<string, Entry>()));
  const hit = perDb.get(ref);
  if (hit && hit.version === version && hit.library === library) return hit.stages;
  const stages: NoticeStage[] = [];
  for (const r of assessIncident(db, library, ref, now).regimes) {
    if (r.outcome !== 'notify' && r.outcome !== 'undetermined') continue;
    if (r.decision?.decision === 'not-required') continue;
    for (const s of r.stages) {
      stages.push({
        regimeId: r.regime.id, regimeName: r.regime.name, stageTitle: s.title,
        due: s.due === null ? NaN : Date.parse(s.due), dueIso: s.due,
        sentAt: s.met === null ? NaN : Date.parse(s.met.sentAt),
      });
    }
  }
  perDb.set(ref, { version, library, stages });
  return stages;
}
