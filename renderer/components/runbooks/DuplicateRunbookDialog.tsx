import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { issuesByField } from '../../lib/issuesByField';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

/** Copies a runbook under a new id into the organisation's folder, where it can be adapted. */
export function DuplicateRunbookDialog({
  source, onClose, onDuplicated,
}: { source: { id: string; title: string }; onClose: () => void; onDuplicated: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [newId, setNewId] = useState(`${source.id}-copy`);
  const [title, setTitle] = useState(`${source.title} (our copy)`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const issues = issuesByField(error, ['newId', 'title']);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.call('runbooks.duplicate', { id: source.id, newId: newId.trim(), ...(title.trim() ? { title: title.trim() } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    toasts.show('success', `Duplicated as ${result.value.id ?? newId}`, `Saved as ${result.value.file}`);
    onDuplicated();
  };

  return (
    <Modal
      title={`Duplicate ${source.title}`}
      onClose={onClose}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="duplicate-runbook" className="btn btn-primary" disabled={busy}>{busy ? 'Duplicating…' : 'Duplicate'}</button>
        </>
      }
    >
      <form id="duplicate-runbook" className="form" onSubmit={(e) => void submit(e)} noValidate>
        {issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="duplicate-id" label="New id" error={issues.fields.newId} hint="Lower-case words joined by hyphens, unique among runbooks.">
          <input {...describedBy('duplicate-id', issues.fields.newId, true)} className="mono" value={newId} onChange={(e) => setNewId(e.target.value)} autoFocus maxLength={64} />
        </Field>
        <Field id="duplicate-title" label="Title" error={issues.fields.title}>
          <input {...describedBy('duplicate-title', issues.fields.title)} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
        </Field>
      </form>
    </Modal>
  );
}
