import { useState, type FormEvent, type ReactNode } from 'react';
import { describedBy, Field } from './Field';
import { Modal } from './Modal';

/**
 * Asks why before something that is recorded with its reason (a skipped or undone runbook step,
 * an incident moved back a phase): the reason is required, and a refusal from the API is shown.
 */
export function AskReasonDialog({
  title, intro, confirmLabel, onCancel, onConfirm, missing = 'A reason is required: it is recorded on the timeline.', maxLength = 20_000, label = 'Reason',
}: {
  title: string;
  intro: ReactNode;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<string | null>;
  /** Shown when the reason is left empty. */
  missing?: string;
  maxLength?: number;
  /** What the text is called (a done note is not a reason). */
  label?: string;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(missing);
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
          <button type="submit" form="ask-reason-form" className="btn btn-primary" disabled={busy}>{confirmLabel}</button>
        </>
      }
    >
      <form id="ask-reason-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="muted">{intro}</div>
        <Field id="ask-reason" label={label} error={error}>
          <textarea {...describedBy('ask-reason', error)} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={maxLength} />
        </Field>
      </form>
    </Modal>
  );
}
