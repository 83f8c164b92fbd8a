import { useState } from 'react';
import type { ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { saveBytes } from '../../lib/saveBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Modal } from '../common/Modal';

const FILE_NAME = 'firebreak-backup-identity.txt';

/**
 * Saves the backup identity as an age identity file (as `firebreak backup export-identity` writes
 * it), so backups can be read with `age` and `tar` alone. The export is recorded in the log; the
 * identity itself never is.
 */
export function ExportIdentityDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await client.call('backups.exportIdentity', {});
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const text = `# created: ${created}\n# public key: ${result.value.recipient}\n${result.value.identity}\n`;
    saveBytes(new TextEncoder().encode(text), FILE_NAME, 'text/plain');
    toasts.show('success', `Saved ${FILE_NAME}`, `Public key ${result.value.recipient}. Move the file offline and delete it from this disk.`);
    onClose();
  };
  return (
    <Modal
      title="Export the backup identity"
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>{busy ? 'Exporting…' : 'Save identity file'}</button>
        </>
      }
    >
      <p>
        The backup identity is the key that decrypts <strong>every</strong> backup of this vault. With it, a backup can be read on any
        machine without Firebreak: <code>age -d -i {FILE_NAME} ID.tar.age | tar -x</code>.
      </p>
      <ErrorBanner tone="warning">
        Anyone holding the file can read every backup. Move it to offline storage (removable media in a safe) and delete it from this disk.
        The export is recorded in the audit log.
      </ErrorBanner>
      {error && <ErrorBanner>Not exported: {describeError(error)}</ErrorBanner>}
    </Modal>
  );
}
