import { useState } from 'react';
import { STATUSES, type ApiError, type Incident, type IncidentStatus, type OpenItem, type TimeOrderConflict } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describePhase } from '../../lib/describePhase';
import { humanize } from '../../lib/humanize';
import { Icon } from '../common/Icon';
import { PhaseMoveDialog, type PhaseMoveChoice } from './PhaseMoveDialog';
import { ReasonDialog } from './ReasonDialog';

interface Pending {
  to: IncidentStatus;
  skipped: IncidentStatus[];
  openItems: OpenItem[] | null;
  timeOrder: TimeOrderConflict[] | null;
}

/**
 * The NIST/SANS phases in order, each with its state (contract/phases.ts): reached with its time,
 * skipped (no time, never shown as done), superseded (a time set aside by a move back, struck
 * through), or not reached. Forward is one click unless the API has something to ask — phases
 * passed over without a time, times out of order, open items when closing — which a dialog asks;
 * backward asks why, since it sets later times aside.
 */
export function StatusStepper({ incident, canWrite, onChanged }: { incident: Incident; canWrite: boolean; onChanged: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [backTo, setBackTo] = useState<IncidentStatus | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const current = STATUSES.indexOf(incident.status);

  const moved = (status: IncidentStatus): void => {
    toasts.show('success', `${incident.ref} is now ${humanize(status).toLowerCase()}`);
    onChanged();
  };

  /** Tries the move; what the API asks back opens (or updates) the dialog. Resolves to a problem to show, or null. */
  const attempt = async (to: IncidentStatus, choice: Partial<PhaseMoveChoice>, asked: Pending | null): Promise<string | null> => {
    setBusy(true);
    const result = await client.call('incidents.setStatus', { ref: incident.ref, status: to, ...choice });
    setBusy(false);
    if (result.ok) {
      setPending(null);
      moved(to);
      return null;
    }
    const e: ApiError = result.error;
    if (e.openItems?.length || e.timeOrder?.length || e.skippedPhases?.length) {
      setPending({
        to,
        skipped: e.skippedPhases ?? asked?.skipped ?? [],
        openItems: e.openItems ?? asked?.openItems ?? null,
        timeOrder: e.timeOrder ?? asked?.timeOrder ?? null,
      });
      return null;
    }
    if (!asked) toasts.show('error', 'Status not changed', e.message);
    return e.message;
  };

  const moveForward = (to: IncidentStatus): void => {
    const target = STATUSES.indexOf(to);
    const skipped = incident.phases.filter((p, i) => i > current && i < target && p.at === null).map((p) => p.phase);
    if (skipped.length > 0) setPending({ to, skipped, openItems: null, timeOrder: null });
    else void attempt(to, {}, null);
  };

  const moveBack = async (status: IncidentStatus, reason: string): Promise<string | null> => {
    setBusy(true);
    const result = await client.call('incidents.setStatus', { ref: incident.ref, status, reason });
    setBusy(false);
    if (!result.ok) return result.error.message;
    moved(status);
    return null;
  };

  return (
    <>
      <ol className="stepper" aria-label="Incident phase">
        {incident.phases.map((p, i) => {
          const status = p.phase;
          const here = i === current;
          const look = here ? 'current' : p.state === 'reached' && i < current ? 'done' : p.state === 'skipped' ? 'skipped' : p.state === 'superseded' ? 'superseded' : 'todo';
          const text = describePhase(p);
          const stateText = here && p.state === 'skipped' ? 'Current · no time' : text.state;
          const body = (
            <>
              <span className="step-marker" aria-hidden="true">
                {look === 'done' ? <Icon name="check" size={12} /> : look === 'skipped' ? <Icon name="skip" size={11} /> : i + 1}
              </span>
              <span className="step-text">
                <span className="step-label">{humanize(status)}</span>
                {stateText && <span className="step-state">{stateText}</span>}
                {text.supersededTime && <s className="step-time step-superseded-time">{text.supersededTime}</s>}
                {text.time && <span className="step-time">{text.time}</span>}
                {!stateText && !text.time && !text.supersededTime && <span className="step-time">{'\u00a0'}</span>}
                <span className="visually-hidden" id={`phase-${status}-state`}>{text.long}</span>
              </span>
            </>
          );
          return (
            <li
              key={status}
              className={`step step-${look}`}
              data-state={p.state}
              aria-current={here ? 'step' : undefined}
              title={text.long}
            >
              {canWrite && !here ? (
                <button
                  type="button"
                  className="step-button"
                  disabled={busy}
                  aria-label={`${i < current ? 'Move back to' : 'Move to'} ${humanize(status)}`}
                  aria-describedby={`phase-${status}-state`}
                  onClick={() => (i < current ? setBackTo(status) : moveForward(status))}
                >
                  {body}
                </button>
              ) : (
                <div className="step-static">{body}</div>
              )}
            </li>
          );
        })}
      </ol>
      {backTo && (
        <ReasonDialog
          incident={incident}
          to={backTo}
          onCancel={() => setBackTo(null)}
          onConfirm={async (reason) => {
            const problem = await moveBack(backTo, reason);
            if (problem === null) setBackTo(null);
            return problem;
          }}
        />
      )}
      {pending && (
        <PhaseMoveDialog
          key={`${pending.to}-${pending.skipped.join()}-${pending.openItems?.length ?? 0}-${pending.timeOrder?.length ?? 0}`}
          incidentRef={incident.ref}
          to={pending.to}
          skipped={pending.skipped}
          openItems={pending.openItems}
          timeOrder={pending.timeOrder}
          onCancel={() => setPending(null)}
          onConfirm={(choice) => attempt(pending.to, choice, pending)}
        />
      )}
    </>
  );
}
