import { useState, type FormEvent } from 'react';
import { MAX_RUNBOOK_BYTES, type ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { formatBytes } from '../../lib/formatBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field } from '../common/Field';
import { Modal } from '../common/Modal';
import { RunbookProblems } from './RunbookProblems';

/** Sends a runbook file to runbooks.import; a refused file shows every problem the linter found, by line and column. */
export function ImportRunbookDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | undefined>();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (file === null) {
      setProblem('Choose a runbook file (.yaml).');
      return;
    }
    if (file.size > MAX_RUNBOOK_BYTES) {
      setProblem(`The file is larger than ${formatBytes(MAX_RUNBOOK_BYTES)}.`);
      return;
    }
    setBusy(true);
    setError(null);
    const text = await file.text();
    const result = await client.call('runbooks.import', { name: file.name, text, replace });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    toasts.show('success', `Imported ${result.value.title ?? file.name}`, `Version ${result.value.version ?? '?'}, ${result.value.steps} steps`);
    onImported();
  };

  return (
    <Modal
      title="Import a runbook"
      onClose={onClose}
      size="lg"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="import-runbook" className="btn btn-primary" disabled={busy}>{busy ? 'Checking…' : 'Import'}</button>
        </>
      }
    >
      <form id="import-runbook" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">
          The file is checked like <code>firebreak runbook lint</code> does; a file with any problem is refused whole. Runs already
          started keep the version they pinned.
        </p>
        <Field id="import-file" label="Runbook file" error={problem} hint="A format-1 YAML file (docs/runbook-format.md).">
          <input
            id="import-file"
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'import-file-error' : 'import-file-hint'}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setProblem(undefined);
              setError(null);
            }}
          />
        </Field>
        <label className="check-row">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          Replace our own runbook with the same id, if there is one
        </label>
        {error && (
          <div role="alert" className="import-refusal">
            <ErrorBanner>
              {error.code === 'VALIDATION' && error.issues?.length
                ? <>Not imported: {error.issues.length} {error.issues.length === 1 ? 'problem' : 'problems'} in {file?.name ?? 'the file'}.</>
                : <>Not imported: {error.message}</>}
            </ErrorBanner>
            {error.issues && error.issues.length > 0 && <RunbookProblems problems={error.issues} label="Problems" />}
          </div>
        )}
      </form>
    </Modal>
  );
}
