import { useState, type FormEvent } from 'react';
import type { ApiError, BackupPlan } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { formatDateTime } from '../../lib/formatDateTime';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

/**
 * An administrator's decision on a plan waiting for review (backups.plans.approve): it stays as
 * it is, with a note in the log. Changing its recipients or removing it are the other answers.
 */
export function ApprovePlanDialog({ plan, onClose, onApproved }: { plan: BackupPlan; onClose: () => void; onApproved: (plan: BackupPlan) => void }) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (note.trim() === '') {
      setProblem('Say why the plan may stay as it is: the note goes in the audit log.');
      return;
    }
    setProblem(undefined);
    setBusy(true);
    setError(null);
    const result = await client.call('backups.plans.approve', { name: plan.name, note: note.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onApproved(result.value);
  };
  return (
    <Modal
      title={`Approve the plan ${plan.name} as it is?`}
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="approve-plan" className="btn btn-primary" disabled={busy}>{busy ? 'Approving…' : 'Approve plan'}</button>
        </>
      }
    >
      <form id="approve-plan" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p>It has waited for an administrator since {plan.review ? formatDateTime(plan.review.since) : '—'} because:</p>
        <ul className="problem-list" aria-label="Why it waits">
          {plan.review?.reasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
        <p className="muted small">
          Approving makes you the one who decided that its backups may hold Firebreak's database
          {plan.recipients.length > 0 ? <> and be readable by its {plan.recipients.length} extra {plan.recipients.length === 1 ? 'recipient' : 'recipients'}</> : null}.
          If a recipient is not one of yours, change the recipients instead; to stop the plan, remove it.
        </p>
        <Field id="approve-note" label="Why it may stay" error={problem} hint="Recorded in the audit log with the reasons above and your name.">
          <textarea {...describedBy('approve-note', problem, true)} rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoFocus />
        </Field>
        {error && <ErrorBanner>Not approved: {describeError(error)}</ErrorBanner>}
      </form>
    </Modal>
  );
}
