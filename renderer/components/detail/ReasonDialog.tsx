import { useState, type FormEvent } from 'react';
import type { IncidentStatus } from '../../../contract';
import { humanize } from '../../lib/humanize';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

export function ReasonDialog({
  from, to, onCancel, onConfirm,
}: { from: IncidentStatus; to: IncidentStatus; onCancel: () => void; onConfirm: (reason: string) => Promise<string | null> }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('Say why the incident goes back a phase: it is recorded on the timeline.');
      return;
    }
    setBusy(true);
    const problem = await onConfirm(reason.trim());
    setBusy(false);
    if (problem) setError(problem);
  };
  return (
    <Modal
      title={`Move back to ${humanize(to)}?`}
      onClose={onCancel}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Cancel</button>
          <button type="submit" form="reason-form" className="btn btn-primary" disabled={busy}>Move back</button>
        </>
      }
    >
      <form id="reason-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">
          The incident is <strong>{humanize(from).toLowerCase()}</strong>. Re-opening a phase changes the response metrics, so a reason is required.
        </p>
        <Field id="reason" label="Reason" error={error}>
          <textarea {...describedBy('reason', error)} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={2000} />
        </Field>
      </form>
    </Modal>
  );
}
