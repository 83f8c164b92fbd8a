import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

/**
 * Asks before pii.erase (crypto-shredding, docs/security.md): it cannot be undone, so the dialog
 * names the incident and exactly what goes, wants the reason that is recorded with it, and the
 * incident's reference typed, so that no one erases the wrong incident by a slip. A refusal from
 * the API (nothing to erase, already erased) is shown here and changes nothing.
 */
export function ErasePersonalDataDialog({ incident, onClose, onErased }: { incident: Incident; onClose: () => void; onErased: () => void }) {
  const client = useClient();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  // A field's problem stays until that field is edited: a corrected value never sits under an old error.
  const [errors, setErrors] = useState<{ reason?: string | undefined; typed?: string | undefined }>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const problems = {
      ...(reason.trim() ? {} : { reason: 'Say why (a request under Art. 17, a retention period that ended): it is recorded with the erasure.' }),
      ...(typed.trim() === incident.ref ? {} : { typed: `Type ${incident.ref} to confirm which incident's personal data goes.` }),
    };
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setRefused(null);
    const result = await client.call('pii.erase', { ref: incident.ref, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) {
      setRefused(describeError(result.error));
      return;
    }
    onErased();
  };
  return (
    <Modal
      title={`Erase the personal data of ${incident.ref}?`}
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="erase-pii-form" className="btn btn-danger" disabled={busy}>{busy ? 'Erasing…' : 'Erase for good'}</button>
        </>
      }
    >
      <form id="erase-pii-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="banner banner-error" role="note">
          <span><strong>This cannot be undone.</strong> The key of this incident's personal data is destroyed: no one — no administrator, no backup made from now on, not the recovery key — can read these values again.</span>
        </div>
        <p>
          Incident <strong className="mono">{incident.ref}</strong> · {incident.title}
        </p>
        <p>What goes:</p>
        <ul className="move-list" aria-label="What is erased">
          <li>the reporter's name, e-mail and phone</li>
          <li>the people affected (their names)</li>
          <li>the answers to runbook steps marked personal, in every run of this incident</li>
        </ul>
        <p className="muted small">
          What stays: the incident and everything else about it; the log keeps its events, which still verify, with these values
          sealed for good. Names typed into titles, notes or reviews are free text and stay. Backups made before still hold the key until they
          are pruned; restored through Firebreak, the erasure is applied again. The incident takes no new personal data afterwards.
        </p>
        <Field id="erase-reason" label="Reason (recorded with the erasure)" error={errors.reason}>
          <textarea {...describedBy('erase-reason', errors.reason)} rows={2} value={reason} onChange={(e) => { setReason(e.target.value); setErrors((was) => ({ ...was, reason: undefined })); }} maxLength={2000} data-autofocus />
        </Field>
        <Field id="erase-confirm" label={`Type ${incident.ref} to confirm`} error={errors.typed}>
          <input {...describedBy('erase-confirm', errors.typed)} className="mono" value={typed} onChange={(e) => { setTyped(e.target.value); setErrors((was) => ({ ...was, typed: undefined })); }} autoComplete="off" spellCheck={false} />
        </Field>
        {refused && <ErrorBanner>Not erased: {refused}</ErrorBanner>}
      </form>
    </Modal>
  );
}
