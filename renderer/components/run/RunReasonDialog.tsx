import { useState, type FormEvent, type ReactNode } from 'react';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

/** Asks why before a skip or an undo: both are recorded with their reason, never silently. */
export function RunReasonDialog({
  title, intro, confirmLabel, onCancel, onConfirm,
}: { title: string; intro: ReactNode; confirmLabel: string; onCancel: () => void; onConfirm: (reason: string) => Promise<string | null> }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('A reason is required: it is recorded on the timeline.');
      return;
    }
    setBusy(true);
    const problem = await onConfirm(reason.trim());
    setBusy(false);
    if (problem) setError(problem);
  };
  return (
    <Modal
      title={title}
      onClose={onCancel}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Cancel</button>
          <button type="submit" form="run-reason-form" className="btn btn-primary" disabled={busy}>{confirmLabel}</button>
        </>
      }
    >
      <form id="run-reason-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="muted">{intro}</div>
        <Field id="run-reason" label="Reason" error={error}>
          <textarea {...describedBy('run-reason', error)} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={20_000} />
        </Field>
      </form>
    </Modal>
  );
}
