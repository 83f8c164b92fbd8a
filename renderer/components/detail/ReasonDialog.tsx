import { STATUSES, type Incident, type IncidentStatus } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';
import { AskReasonDialog } from '../common/AskReasonDialog';

/**
 * Moving an incident back a phase changes its metrics, so it needs a reason; and it sets the
 * later phases' times aside as superseded (kept in the log, no longer current), which the dialog
 * names before anyone confirms.
 */
export function ReasonDialog({
  incident, to, onCancel, onConfirm,
}: { incident: Incident; to: IncidentStatus; onCancel: () => void; onConfirm: (reason: string) => Promise<string | null> }) {
  const target = STATUSES.indexOf(to);
  const setAside = incident.phases.filter((p, i) => i > target && p.at !== null);
  return (
    <AskReasonDialog
      title={`Move back to ${humanize(to)}?`}
      intro={
        <>
          <p>The incident is <strong>{humanize(incident.status).toLowerCase()}</strong>. Re-opening a phase changes the response metrics, so a reason is required.</p>
          {setAside.length > 0 && (
            <div className="move-section">
              <p>These times will be set aside as <strong>superseded</strong>: they stay on the timeline, and each phase gets a new time when it is reached again.</p>
              <ul className="move-list" aria-label="Times to be superseded">
                {setAside.map((p) => <li key={p.phase}>{humanize(p.phase)} <strong>{formatDateTime(p.at)}</strong></li>)}
              </ul>
            </div>
          )}
        </>
      }
      confirmLabel="Move back"
      missing="Say why the incident goes back a phase: it is recorded on the timeline."
      maxLength={2000}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
