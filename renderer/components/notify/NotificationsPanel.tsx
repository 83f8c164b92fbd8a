import { useEffect, useRef, useState } from 'react';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useNow } from '../../hooks/useNow';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { ErrorBanner } from '../common/ErrorBanner';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { ExerciseBanner } from '../common/ExerciseBanner';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import type { RegimeAssessment } from '../../../contract';
import { AskReasonDialog } from '../common/AskReasonDialog';
import { AssessmentView } from './AssessmentView';
import { BreachFactsDialog } from './BreachFactsDialog';
import { DraftDialog } from './DraftDialog';
import { DraftList } from './DraftList';
import { NotLegalAdvice } from './NotLegalAdvice';

/** Who must be told about this incident, by when, and what is still missing to decide (notify.assess). */
export function NotificationsPanel({ incidentRef, exercise }: { incidentRef: string; exercise: boolean }) {
  const client = useClient();
  const canEdit = useCan('notify:facts');
  const canDraft = useCan('notify:draft');
  const canDecide = useCan('notify:decide');
  const [deciding, setDeciding] = useState<{ regime: RegimeAssessment; decision: 'not-required' | 'required' } | null>(null);
  const drafts = useApiResource(() => client.call('notify.drafts.list', { ref: incidentRef }), [client, incidentRef]);
  const [openDraft, setOpenDraft] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);

  // One notice per regime and audience: an unsent draft is reopened rather than duplicated.
  const draftFor = async (regimeId: string): Promise<void> => {
    setDraftError(null);
    const existing = (drafts.data ?? []).find((d) => d.regimeId === regimeId && d.status !== 'sent');
    if (existing) {
      setOpenDraft(existing.id);
      return;
    }
    const r = await client.call('notify.drafts.create', { ref: incidentRef, regimeId });
    if (!r.ok) {
      setDraftError(r.error.message);
      return;
    }
    void drafts.reload();
    setOpenDraft(r.value.id);
  };
  const assessment = useApiResource(() => client.call('notify.assess', { ref: incidentRef }), [client, incidentRef]);
  const facts = useApiResource(() => client.call('notify.facts.get', { ref: incidentRef }), [client, incidentRef]);
  const [editing, setEditing] = useState(false);
  const now = useNow(30_000);

  // The incident's own fields (affected people, data categories) and the facts feed the assessment.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (event.incidentRef !== incidentRef || !(event.type.startsWith('notify.') || event.type === 'incident.updated')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void assessment.reload();
      void facts.reload();
      void drafts.reload();
    }, 150);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <section className="card" aria-labelledby="notify-title" data-testid="notifications">
      <div className="card-header">
        <h2 id="notify-title">Breach notifications{exercise && <> <ExerciseBadge /></>}</h2>
        {canEdit && facts.data && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing(true)}>
            <Icon name="edit" size={14} />
            Breach facts…
          </button>
        )}
      </div>
      <div className="card-body">
        <NotLegalAdvice />
        {exercise && (
          <ExerciseBanner>These obligations are rehearsed, not owed: every notice drafted here is marked as an exercise when downloaded.</ExerciseBanner>
        )}
        {assessment.error && <ErrorBanner>{assessment.error.message}</ErrorBanner>}
        {!assessment.data && assessment.loading && <Spinner label="Assessing" />}
        {draftError && <ErrorBanner>The draft could not be started: {draftError}</ErrorBanner>}
        {assessment.data && (
          <AssessmentView
            assessment={assessment.data}
            now={now}
            factsRecorded={facts.data ? facts.data.updatedAt !== null : true}
            {...(canDraft ? { onDraft: (id: string) => void draftFor(id) } : {})}
            {...(canDecide ? { onDecide: (regime: RegimeAssessment, decision: 'not-required' | 'required') => setDeciding({ regime, decision }) } : {})}
          />
        )}
        {drafts.data && drafts.data.length > 0 && <DraftList drafts={drafts.data} onOpen={setOpenDraft} />}
      </div>
      {openDraft && (
        <DraftDialog
          key={openDraft}
          draftId={openDraft}
          onClose={() => setOpenDraft(null)}
          onChanged={() => void drafts.reload()}
          onOpen={setOpenDraft}
          {...(canEdit && facts.data ? { onEditFacts: () => { setOpenDraft(null); setEditing(true); } } : {})}
        />
      )}
      {deciding && (
        <AskReasonDialog
          title={deciding.decision === 'not-required' ? `${deciding.regime.regime.name}: not required?` : `${deciding.regime.regime.name}: withdraw the decision?`}
          intro={deciding.decision === 'not-required'
            ? <>The obligation ends: its deadlines leave the board and their alarms stop. Record why (who already notified, why it does not apply); it is kept in the log with your name. Decision support, not legal advice.</>
            : <>The obligation is open again: its deadlines return to the board, with their alarms.</>}
          confirmLabel={deciding.decision === 'not-required' ? 'Record: not required' : 'Withdraw the decision'}
          missing="Say why: the reason is kept in the log with the decision."
          maxLength={2000}
          onCancel={() => setDeciding(null)}
          onConfirm={async (reason) => {
            const r = await client.call('notify.decide', { ref: incidentRef, regimeId: deciding.regime.regime.id, decision: deciding.decision, reason });
            if (!r.ok) return r.error.message;
            setDeciding(null);
            void assessment.reload();
            return null;
          }}
        />
      )}
      {editing && facts.data && (
        <BreachFactsDialog
          incidentRef={incidentRef}
          facts={facts.data.facts}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void assessment.reload();
            void facts.reload();
          }}
        />
      )}
    </section>
  );
}
