import type { IncidentStatus } from '../../../contract';
import { humanize } from '../../lib/humanize';
import { AskReasonDialog } from '../common/AskReasonDialog';

/** Moving an incident back a phase changes its metrics, so it needs a reason. */
export function ReasonDialog({
  from, to, onCancel, onConfirm,
}: { from: IncidentStatus; to: IncidentStatus; onCancel: () => void; onConfirm: (reason: string) => Promise<string | null> }) {
  return (
    <AskReasonDialog
      title={`Move back to ${humanize(to)}?`}
      intro={<p>The incident is <strong>{humanize(from).toLowerCase()}</strong>. Re-opening a phase changes the response metrics, so a reason is required.</p>}
      confirmLabel="Move back"
      missing="Say why the incident goes back a phase: it is recorded on the timeline."
      maxLength={2000}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
