import type { RegimeLibrary } from '../notify';
import type { Db } from '../store';
import { assessedIncidents } from './assessedIncidents';
import { scopeOf, type KpiQuery } from './KpiScope';
import { noticeStages } from './noticeStages';
import { stageState, type StageState } from './stageState';

/** One notification obligation (a regime's stage) of an incident in scope, where it stands. */
export interface ScopeObligation {
  ref: string;
  title: string;
  exercise: boolean;
  regimeName: string;
  stageTitle: string;
  /** The fixed deadline, or null ("without undue delay", or its start is not known yet). */
  due: string | null;
  sentAt: string | null;
  state: StageState;
  /** Deadline minus the time sent, in seconds (positive early, negative late); null unless sent against a fixed deadline. */
  marginSeconds: number | null;
}

/**
 * Every obligation the on-time rate of a query's period is made of, and the others of the same
 * incidents (no fixed deadline, not due yet, overdue after the period), classified by the same rule
 * (stageState), in the order the incidents were detected. Lazy: one incident's stages at a time.
 */
export function* listScopeObligations(db: Db, library: RegimeLibrary, q: KpiQuery, now: string): Generator<ScopeObligation> {
  const scope = scopeOf(q);
  const nowMs = Date.parse(now);
  const asOfMs = Math.min(scope.period.endMs, nowMs);
  // The caller may read from the same connection between rows (better-sqlite3 allows reads while a statement iterates; the report's is read-only).
  for (const row of assessedIncidents(db, scope)) {
    for (const s of noticeStages(db, library, row.ref, row.version, now)) {
      const sent = !Number.isNaN(s.sentAt);
      yield {
        ref: row.ref, title: row.title, exercise: row.exercise === 1, regimeName: s.regimeName, stageTitle: s.stageTitle,
        due: s.dueIso, sentAt: sent ? new Date(s.sentAt).toISOString() : null, state: stageState(s, asOfMs, nowMs),
        marginSeconds: sent && !Number.isNaN(s.due) ? (s.due - s.sentAt) / 1000 : null,
      };
    }
  }
}
