import { useState } from 'react';
import { PHASE_TIMESTAMP, STATUSES, type Incident, type IncidentStatus } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';
import { Icon } from '../common/Icon';
import { ReasonDialog } from './ReasonDialog';

function stampOf(incident: Incident, status: IncidentStatus): string | null {
  if (status === 'detected') return incident.detectedAt;
  const field = PHASE_TIMESTAMP[status];
  return field ? incident[field] : null;
}

/** The NIST/SANS phases in order; forward is one click, backward asks why (it changes the KPIs). */
export function StatusStepper({ incident, canWrite, onChanged }: { incident: Incident; canWrite: boolean; onChanged: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [backTo, setBackTo] = useState<IncidentStatus | null>(null);
  const current = STATUSES.indexOf(incident.status);

  const move = async (status: IncidentStatus, reason?: string): Promise<string | null> => {
    setBusy(true);
    const result = await client.call('incidents.setStatus', { ref: incident.ref, status, ...(reason ? { reason } : {}) });
    setBusy(false);
    if (!result.ok) {
      toasts.show('error', 'Status not changed', result.error.message);
      return result.error.message;
    }
    toasts.show('success', `${incident.ref} is now ${humanize(status).toLowerCase()}`);
    onChanged();
    return null;
  };

  return (
    <>
      <ol className="stepper" aria-label="Incident phase">
        {STATUSES.map((status, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo';
          const stamp = stampOf(incident, status);
          const body = (
            <>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? <Icon name="check" size={12} /> : i + 1}
              </span>
              <span className="step-text">
                <span className="step-label">{humanize(status)}</span>
                <span className="step-time">{stamp ? formatDateTime(stamp) : '\u00a0'}</span>
              </span>
            </>
          );
          return (
            <li key={status} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {canWrite && state !== 'current' ? (
                <button
                  type="button"
                  className="step-button"
                  disabled={busy}
                  aria-label={`${i < current ? 'Move back to' : 'Move to'} ${humanize(status)}`}
                  onClick={() => (i < current ? setBackTo(status) : void move(status))}
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
          from={incident.status}
          to={backTo}
          onCancel={() => setBackTo(null)}
          onConfirm={async (reason) => {
            const problem = await move(backTo, reason);
            if (problem === null) setBackTo(null);
            return problem;
          }}
        />
      )}
    </>
  );
}
