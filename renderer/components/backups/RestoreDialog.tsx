import { useState, type FormEvent } from 'react';
import type { ApiError, BackupPlan, BackupSummary, RestoreReport } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { archiveFolders } from '../../lib/archiveFolders';
import { describeError } from '../../lib/describeError';
import { formatBytes } from '../../lib/formatBytes';
import { formatCount } from '../../lib/formatCount';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * Restores a backup, a folder or one file of it into a directory (backups.restore). Existing files
 * are kept unless overwrite is ticked; afterwards the dialog shows what was written.
 */
export function RestoreDialog({ backup, plan, canRestoreDatabase, onClose }: {
  backup: BackupSummary; plan: BackupPlan | null; canRestoreDatabase: boolean; onClose: () => void;
}) {
  const client = useClient();
  const toasts = useToasts();
  const [to, setTo] = useState('');
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [toProblem, setToProblem] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<RestoreReport | null>(null);
  const folders = plan ? archiveFolders(plan) : [];
  const fileFolders = folders.filter((f) => f !== 'firebreak-data');
  const example = `${fileFolders[0] ?? 'share'}/docs/a.txt`;
  // null: a backup from before this was recorded, which may hold it (the API reads its manifest).
  const holdsDatabase = backup.containsDatabase !== false;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const target = to.trim();
    if (target === '') {
      setToProblem('Give the directory to restore into.');
      return;
    }
    if (!ABSOLUTE.test(target)) {
      setToProblem('Give an absolute path, as the machine running Firebreak sees it.');
      return;
    }
    setToProblem(undefined);
    setBusy(true);
    setError(null);
    const inside = path.trim();
    const result = await client.call('backups.restore', { id: backup.id, to: target, overwrite, ...(inside !== '' ? { path: inside } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setReport(result.value);
    toasts.show('success', `Restored ${formatCount(result.value.entries)} ${result.value.entries === 1 ? 'path' : 'paths'}`, `to ${result.value.to}`);
  };

  return (
    <Modal
      title={`Restore ${backup.id}`}
      onClose={onClose}
      size="lg"
      footer={
        report ? (
          <button type="button" className="btn btn-primary" onClick={onClose}>Close</button>
        ) : (
          <>
            <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
            <button type="submit" form="restore-backup" className="btn btn-primary" disabled={busy}>{busy ? 'Restoring…' : 'Restore'}</button>
          </>
        )
      }
    >
      {report ? (
        <div className="restore-report" data-testid="restore-report">
          <ErrorBanner tone="success">
            Restored {formatCount(report.entries)} {report.entries === 1 ? 'path' : 'paths'} ({formatCount(report.files)} {report.files === 1 ? 'file' : 'files'}, {formatBytes(report.bytes)}) to <code>{report.to}</code>.
            Every file was checked against the manifest's SHA-256.
          </ErrorBanner>
          <ul className="restored-list" aria-label="Restored paths">
            {report.firstPaths.map((p) => <li key={p}><code>{p}</code></li>)}
          </ul>
          {report.entries > report.firstPaths.length && <p className="muted small">… and {formatCount(report.entries - report.firstPaths.length)} more, as the backup lists them.</p>}
        </div>
      ) : (
        <form id="restore-backup" className="form" onSubmit={(e) => void submit(e)} noValidate>
          <p className="muted">
            A {backup.kind} backup of {formatCount(backup.files)} files ({formatBytes(backup.bytes)}). Each file is taken from the archive of
            the chain that holds it and checked against the manifest before it is put in place.
          </p>
          {holdsDatabase && (canRestoreDatabase ? (
            <ErrorBanner tone="warning">
              {backup.containsDatabase ? 'This backup holds' : 'This backup may hold'} Firebreak's database (<code>firebreak-data/</code>: firebreak.db and
              vault.json), which opens with any user's passphrase. Restore it only where no one but administrators can read it, or name another path below.
            </ErrorBanner>
          ) : (
            <ErrorBanner tone="info">
              {backup.containsDatabase ? 'This backup holds' : 'This backup may hold'} Firebreak's database (<code>firebreak-data/</code>). Restoring the
              database is an administrator's decision; restore the other files by naming a folder or file below
              {fileFolders.length > 0 ? <>, e.g. <code>{fileFolders[0]}</code></> : null}.
            </ErrorBanner>
          ))}
          <Field id="restore-to" label="Restore into (directory)" error={toProblem} hint="An absolute path on the machine running Firebreak; created if missing.">
            <input {...describedBy('restore-to', toProblem, true)} className="mono" value={to} onChange={(e) => setTo(e.target.value)} autoFocus placeholder="/srv/restore" maxLength={4096} />
          </Field>
          <Field
            id="restore-path"
            label="Only this path inside the backup (optional)"
            hint={<>A file or folder, e.g. <code>{example}</code>. Top-level folders{plan ? '' : ' usually'}: {folders.length ? folders.map((f, i) => <span key={f}>{i > 0 && ', '}<code>{f}</code></span>) : 'one per source'}. Empty restores everything.</>}
          >
            <input {...describedBy('restore-path', undefined, true)} className="mono" value={path} onChange={(e) => setPath(e.target.value)} maxLength={4096} />
          </Field>
          <label className="check-row">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
            Overwrite files that already exist there
          </label>
          {error && <ErrorBanner>The restore failed: {describeError(error)}</ErrorBanner>}
        </form>
      )}
    </Modal>
  );
}
