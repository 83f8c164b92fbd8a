import { randomUUID } from 'node:crypto';
import { ApiFailure, type Audience, type Draft } from '../../../contract';
import { getIncident } from '../../incidents';
import { getLetterhead } from '../../settings';
import type { Db } from '../../store';
import { appendEvent } from '../../timeline';
import { assessRegime } from '../assessRegime';
import { getBreachFacts } from '../breachFactsStore';
import type { RegimeLibrary } from '../RegimeLibrary';
import { composeDraft } from './composeDraft';
import { placeholdersIn, readDraft } from './readDraft';
import { sha256Hex } from './sha256Hex';

export interface CreateDraftInput {
  ref: string;
  regimeId: string;
  stage?: string | undefined;
  audience?: Audience | undefined;
  twoApprovers: boolean;
}

export interface Supplementing {
  id: string;
  title: string;
  sentAt: string;
}

/**
 * The notice for one regime, stage and audience of an incident as its facts, the assessment and the
 * letterhead say now: what createDraft writes as version 1 and recomposeDraft as the next version.
 */
export function composeFromFacts(db: Db, library: RegimeLibrary, input: Omit<CreateDraftInput, 'twoApprovers'>, now: string, supplementTo: Supplementing | null) {
  const regime = library.regimes.find((r) => r.id === input.regimeId);
  if (!regime) throw new ApiFailure('NOT_FOUND', `no regime ${input.regimeId} (notify.regimes lists them)`);
  const incident = getIncident(db, input.ref);
  const { facts } = getBreachFacts(db, input.ref);
  const assessment = assessRegime(regime, facts, { holidays: library.holidays });
  const stageId = input.stage ?? assessment.stages[0]?.id ?? regime.stages[0]?.id ?? '';
  const stage = regime.stages.find((s) => s.id === stageId);
  if (!stage) {
    const message = `stage: ${regime.id} has no stage ${stageId} (its stages: ${regime.stages.map((s) => s.id).join(', ')})`;
    throw new ApiFailure('VALIDATION', message, { issues: [message] });
  }
  const audience = input.audience ?? regime.audience;
  const composed = composeDraft({
    assessment, facts, incident, audience, now, plain: audience === 'individuals' || audience === 'media',
    letterhead: getLetterhead(db),
    jurisdiction: regime.jurisdiction,
    stage: { id: stage.id, title: stage.title, deadline: assessment.stages.find((s) => s.id === stage.id) ?? null },
    supplementTo,
  });
  return { regime, stage, assessment, audience, composed };
}

/**
 * Writes the first version of a notice for one regime (and stage) of an incident, from its facts
 * as they are now, and records it in the hash chain (`notify.draft_created`). A draft for a regime
 * that does not (or not yet) call for a notice is allowed, for voluntary notices and preparation;
 * it keeps the assessment's outcome so the app can flag it.
 */
export function createDraft(db: Db, library: RegimeLibrary, input: CreateDraftInput, actor: string, now: string, supplementTo: Supplementing | null = null): Draft {
  return db.transaction(() => {
    const { regime, stage, assessment, audience, composed } = composeFromFacts(db, library, input, now, supplementTo);
    const id = randomUUID();
    const sha256 = sha256Hex(composed.body);
    const requiredApprovals = input.twoApprovers ? 2 : 1;
    const event = appendEvent(db, {
      actor, type: 'notify.draft_created', incidentRef: input.ref, ts: now,
      data: {
        draftId: id, regimeId: regime.id, stage: stage.id, audience, version: 1, sha256, requiredApprovals,
        placeholders: placeholdersIn(composed.title, composed.body), supplementTo: supplementTo?.id ?? null,
      },
    });
    db.prepare(
      `INSERT INTO notify_drafts (id, incident_ref, regime_id, regime_name, stage, audience, recipient, outcome, contents, required_approvals, supplement_to, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.ref, regime.id, regime.name, stage.id, audience, regime.recipient, assessment.outcome, JSON.stringify(composed.contents), requiredApprovals, supplementTo?.id ?? null, now, actor);
    db.prepare('INSERT INTO notify_draft_versions (draft_id, version, title, body, sha256, created_at, created_by, event_seq) VALUES (?, 1, ?, ?, ?, ?, ?, ?)')
      .run(id, composed.title, composed.body, sha256, now, actor, event.seq);
    return readDraft(db, id);
  }).immediate();
}
