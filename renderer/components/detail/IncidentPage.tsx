import { useEffect, useRef, useState } from 'react';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useHotkeys } from '../../hooks/useHotkeys';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { hrefFor } from '../../lib/routes';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { NotificationsPanel } from '../notify/NotificationsPanel';
import { ActionItemsPanel } from '../review/ActionItemsPanel';
import { ReviewTab } from '../review/ReviewTab';
import { RunbooksPanel } from '../run/RunbooksPanel';
import { RunView } from '../run/RunView';
import { EvidencePanel } from './EvidencePanel';
import { IncidentEditForm } from './IncidentEditForm';
import { IncidentFacts } from './IncidentFacts';
import { IncidentHeader } from './IncidentHeader';
import { StatusStepper } from './StatusStepper';
import { StoredCodesWarning } from './StoredCodesWarning';
import { Timeline } from './Timeline';

/**
 * One incident; with `runId`, the main column shows that runbook run instead of the details, and
 * with `tab="review"` its post-incident review.
 */
export function IncidentPage({ incidentRef, runId, tab = 'details' }: { incidentRef: string; runId?: string; tab?: 'details' | 'review' }) {
  const client = useClient();
  const toasts = useToasts();
  const canWrite = useCan('incident:write');
  const canEvidence = useCan('evidence:read');
  const canNotify = useCan('notify:read');
  const canReports = useCan('report:read');
  const canStar = useCan('review:write');
  const canWorkActions = useCan('action:write');
  const canActions = canReports || canWorkActions;
  const incident = useApiResource(() => client.call('incidents.get', { ref: incidentRef }), [client, incidentRef]);
  const timeline = useApiResource(() => client.call('timeline.forIncident', { ref: incidentRef }), [client, incidentRef]);
  const evidence = useApiResource(
    () => (canEvidence ? client.call('evidence.list', { ref: incidentRef }) : Promise.resolve({ ok: true as const, value: [] })),
    [client, incidentRef, canEvidence],
  );
  const keyEvents = useApiResource(
    () => (canReports ? client.call('reviews.keyEvents', { ref: incidentRef }) : Promise.resolve({ ok: true as const, value: [] })),
    [client, incidentRef, canReports],
  );
  const [editing, setEditing] = useState(false);
  // The review stays mounted once opened, so switching to Details and back keeps unsaved text.
  const [reviewOpened, setReviewOpened] = useState(tab === 'review');
  useEffect(() => {
    if (tab === 'review') setReviewOpened(true);
  }, [tab]);
  const showReview = tab === 'review' && runId === undefined && canReports;

  // Live: anything appended for this incident (here, in another window, from the CLI) reloads it.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (event.incidentRef !== incidentRef) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void incident.reload();
      void timeline.reload();
      if (event.type.startsWith('evidence.')) void evidence.reload();
      if (event.type.startsWith('event.') && canReports) void keyEvents.reload();
    }, 150);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  useHotkeys({
    e: () => {
      if (canWrite && incident.data && runId === undefined && tab === 'details') setEditing(true);
    },
  });

  const reloadAll = (): void => {
    void incident.reload();
    void timeline.reload();
  };

  const star = async (seq: number, starred: boolean): Promise<void> => {
    const result = await client.call('timeline.star', { seq, starred });
    if (!result.ok) {
      toasts.show('error', starred ? 'Could not star the event' : 'Could not take the star off', result.error.message);
      return;
    }
    void keyEvents.reload();
  };

  if (incident.error && !incident.data) {
    return (
      <div className="page">
        <EmptyState icon="alert" title={incident.error.code === 'NOT_FOUND' ? `No incident ${incidentRef}` : 'Could not load the incident'}
          action={<a className="btn btn-secondary" href={hrefFor({ name: 'incidents' })}>Back to incidents</a>}>
          {incident.error.message}
        </EmptyState>
      </div>
    );
  }
  const data = incident.data;
  if (!data) {
    return (
      <div className="page page-center">
        <Spinner label="Loading incident" />
      </div>
    );
  }

  return (
    <div className="page page-detail">
      <IncidentHeader incident={data} />
      <StatusStepper incident={data} canWrite={canWrite} onChanged={reloadAll} />
      <StoredCodesWarning incident={data} onEdit={canWrite && runId === undefined && !editing ? () => setEditing(true) : null} />
      {runId === undefined && canReports && (
        <nav className="incident-tabs" aria-label="Incident views">
          <a href={hrefFor({ name: 'incident', ref: incidentRef })} className={tab === 'details' ? 'is-active' : undefined} aria-current={tab === 'details' ? 'page' : undefined}>Details</a>
          <a href={hrefFor({ name: 'review', ref: incidentRef })} className={tab === 'review' ? 'is-active' : undefined} aria-current={tab === 'review' ? 'page' : undefined}>Review</a>
        </nav>
      )}
      <div className="detail-columns">
        <div className="detail-main">
          {reviewOpened && canReports && runId === undefined && (
            <div hidden={!showReview}>
              <ReviewTab incidentRef={incidentRef} keyEvents={keyEvents.data} />
            </div>
          )}
          {!showReview && (
            <>
              {runId === undefined && <RunbooksPanel incidentRef={incidentRef} />}
              {runId !== undefined ? (
                <RunView key={runId} runId={runId} incidentRef={incidentRef} exercise={data.exercise} evidence={evidence.data ?? []} onEvidenceAdded={() => void evidence.reload()} />
              ) : editing ? (
                <IncidentEditForm
                  incident={data}
                  onCancel={() => setEditing(false)}
                  onSaved={() => {
                    setEditing(false);
                    reloadAll();
                  }}
                />
              ) : (
                <IncidentFacts incident={data} canWrite={canWrite} onEdit={() => setEditing(true)} onErased={reloadAll} />
              )}
              {incident.error && <ErrorBanner>{incident.error.message}</ErrorBanner>}
              {runId === undefined && canNotify && <NotificationsPanel incidentRef={incidentRef} exercise={data.exercise} />}
              {runId === undefined && canActions && <ActionItemsPanel incidentRef={incidentRef} />}
            </>
          )}
        </div>
        <aside className="detail-side">
          {canEvidence && (
            <EvidencePanel incidentRef={incidentRef} exercise={data.exercise} evidence={evidence.data ?? []} error={evidence.error} loading={evidence.loading && !evidence.data} onChanged={() => void evidence.reload()} />
          )}
          <Timeline
            incidentRef={incidentRef}
            events={timeline.data}
            error={timeline.error}
            onNoteAdded={() => void timeline.reload()}
            keyEvents={canReports ? (keyEvents.data?.map((e) => e.seq) ?? null) : null}
            {...(canStar ? { onStar: star } : {})}
          />
        </aside>
      </div>
    </div>
  );
}
