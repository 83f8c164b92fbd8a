import { ApiFailure, type Assessment } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { assessIncident } from './assessIncident';
import { readDecisions } from './obligationRecords';
import type { RegimeLibrary } from './RegimeLibrary';

export interface DecideInput {
  ref: string;
  regimeId: string;
  /** `not-required` ends the obligation (nobody is told under this regime); `required` withdraws that decision. */
  decision: 'not-required' | 'required';
  reason: string;
}

/**
 * Records a decision about a regime's obligation for an incident, with its reason, as
 * `notify.decision` in the hash chain (with the outcome and the stages still open at that moment,
 * so the record shows what was set aside). Besides a notice recorded as sent, this is the only way
 * an obligation ends; a decision can be withdrawn the same way, never edited or removed. A decision
 * that would change nothing is refused.
 */
export function decideObligation(db: Db, library: RegimeLibrary, input: DecideInput, actor: string, now: string): Assessment {
  return db.transaction(() => {
    const regime = library.regimes.find((r) => r.id === input.regimeId);
    if (!regime) throw new ApiFailure('NOT_FOUND', `no regime ${input.regimeId} (the regimes: firebreak notify assess, or notify.regimes)`);
    const before = assessIncident(db, library, input.ref, now);
    const current = readDecisions(db, input.ref).get(input.regimeId) ?? null;
    if (input.decision === 'not-required' && current?.decision === 'not-required') {
      throw new ApiFailure('CONFLICT', `${regime.name} was already decided not required for ${input.ref} by ${current.by} at ${current.at}: "${current.reason}"`);
    }
    if (input.decision === 'required' && current?.decision !== 'not-required') {
      throw new ApiFailure('CONFLICT', `nothing to withdraw: ${regime.name} has not been decided not required for ${input.ref}`);
    }
    const assessed = before.regimes.find((r) => r.regime.id === input.regimeId);
    const event = appendEvent(db, {
      actor, type: 'notify.decision', incidentRef: input.ref, ts: now,
      data: {
        regimeId: regime.id, regimeName: regime.name, decision: input.decision, reason: input.reason,
        outcome: assessed?.outcome ?? null, openStages: (assessed?.stages ?? []).filter((s) => s.met === null).map((s) => ({ id: s.id, due: s.due })),
      },
    });
    db.prepare('INSERT INTO notify_decisions (incident_ref, regime_id, decision, reason, by, at, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(input.ref, regime.id, input.decision, input.reason, actor, now, event.seq);
    return assessIncident(db, library, input.ref, now);
  }).immediate();
}
