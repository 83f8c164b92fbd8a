import { useState, type FormEvent } from 'react';
import type { ApiError, BackupPlan } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/**
 * Replaces a plan's extra age recipients (backups.plans.setRecipients, administrators): logged
 * with the list before and after and the reason. Backups made so far keep the recipients they were made for.
 */
export function PlanRecipientsDialog({ plan, onClose, onChanged }: { plan: BackupPlan; onClose: () => void; onChanged: (plan: BackupPlan) => void }) {
  const client = useClient();
  const [text, setText] = useState(plan.recipients.join('\n'));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ recipients?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const recipients = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    const bad = recipients.find((r) => !RECIPIENT.test(r));
    const found = {
      ...(bad !== undefined ? { recipients: `${bad.slice(0, 20)}… is not an age recipient (age1 and 58 more letters and digits).` } : {}),
      ...(reason.trim() === '' ? { reason: 'Say why the recipients change: the reason goes in the audit log.' } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    const result = await client.call('backups.plans.setRecipients', { name: plan.name, recipients, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onChanged(result.value);
  };
  return (
    <Modal
      title={`Recipients of ${plan.name}`}
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="plan-recipients" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save recipients'}</button>
        </>
      }
    >
      <form id="plan-recipients" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner tone="warning">
          Whoever holds a recipient's identity can decrypt every backup this plan makes from now on. Backups already made stay
          encrypted to the recipients they were made for.
        </ErrorBanner>
        <Field id="recipients-list" label="Extra age recipients" error={problems.recipients} hint="One public key (age1…) per line; empty leaves only the vault's backup identity.">
          <textarea {...describedBy('recipients-list', problems.recipients, true)} className="mono" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Field id="recipients-reason" label="Why" error={problems.reason} hint="Recorded in the audit log with the list before and after.">
          <input {...describedBy('recipients-reason', problems.reason, true)} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </Field>
        {error && <ErrorBanner>Not changed: {describeError(error)}</ErrorBanner>}
      </form>
    </Modal>
  );
}
