import { useRef, useState, type DragEvent } from 'react';
import { MAX_EVIDENCE_BYTES, type ApiError, type Evidence } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { base64ToBytes } from '../../lib/base64ToBytes';
import { fileToBase64 } from '../../lib/fileToBase64';
import { formatBytes } from '../../lib/formatBytes';
import { formatDateTime } from '../../lib/formatDateTime';
import { saveBytes } from '../../lib/saveBytes';
import { shortHash } from '../../lib/shortHash';
import { CopyButton } from '../common/CopyButton';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { EvidenceViewer } from './EvidenceViewer';

interface Upload {
  name: string;
  stage: 'reading' | 'uploading' | 'failed';
  progress: number;
  error?: string;
}

/** Files attached to the incident, each with its SHA-256 taken at intake; every view and export is a custody event. */
export function EvidencePanel({
  incidentRef, exercise, evidence, error, loading, onChanged,
}: { incidentRef: string; exercise: boolean; evidence: Evidence[]; error: ApiError | null; loading: boolean; onChanged: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const canWrite = useCan('evidence:write');
  const canExport = useCan('evidence:export');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [viewing, setViewing] = useState<Evidence | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const patchUpload = (name: string, patch: Partial<Upload>): void =>
    setUploads((list) => list.map((u) => (u.name === name ? { ...u, ...patch } : u)));

  const uploadOne = async (file: File): Promise<void> => {
    if (file.size > MAX_EVIDENCE_BYTES) {
      setUploads((list) => [...list, { name: file.name, stage: 'failed', progress: 0, error: `larger than ${formatBytes(MAX_EVIDENCE_BYTES)}` }]);
      return;
    }
    setUploads((list) => [...list.filter((u) => u.name !== file.name), { name: file.name, stage: 'reading', progress: 0 }]);
    let dataBase64: string;
    try {
      dataBase64 = await fileToBase64(file, (p) => patchUpload(file.name, { progress: p }));
    } catch (err) {
      patchUpload(file.name, { stage: 'failed', error: err instanceof Error ? err.message : 'could not read the file' });
      return;
    }
    patchUpload(file.name, { stage: 'uploading', progress: 1 });
    const result = await client.call('evidence.add', {
      ref: incidentRef, name: file.name, mediaType: file.type || 'application/octet-stream', dataBase64,
    });
    if (!result.ok) {
      patchUpload(file.name, { stage: 'failed', error: result.error.issues?.join('; ') ?? result.error.message });
      return;
    }
    setUploads((list) => list.filter((u) => u.name !== file.name));
    toasts.show('success', `Evidence added: ${result.value.name}`, `SHA-256 ${shortHash(result.value.sha256)}`);
    onChanged();
  };

  const uploadAll = async (files: FileList | null): Promise<void> => {
    for (const file of Array.from(files ?? [])) await uploadOne(file);
  };

  const download = async (item: Evidence): Promise<void> => {
    const result = await client.call('evidence.get', { ref: incidentRef, id: item.id, purpose: 'export' });
    if (!result.ok) {
      toasts.show('error', `Could not export ${item.name}`, result.error.message);
      return;
    }
    // The bytes stay as recorded (their SHA-256 is the custody record); an exercise's file says so in its name.
    saveBytes(base64ToBytes(result.value.dataBase64), exercise ? `EXERCISE-${item.name}` : item.name, item.mediaType);
    toasts.show('success', `Exported ${item.name}`, 'Hash verified; the export is recorded in the chain of custody.');
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    void uploadAll(e.dataTransfer.files);
  };

  return (
    <section className="card" aria-labelledby="evidence-title">
      <div className="card-header">
        <h2 id="evidence-title">Evidence</h2>
        <span className="muted small">{evidence.length} {evidence.length === 1 ? 'file' : 'files'}</span>
      </div>
      <div className="card-body">
        {error && <ErrorBanner>{error.message}</ErrorBanner>}
        {canWrite && (
          <div
            className={`dropzone${dragging ? ' is-dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <Icon name="upload" size={18} />
            <span>
              Drop files here or{' '}
              <button type="button" className="btn-link-inline" onClick={() => input.current?.click()}>browse</button>
            </span>
            <span className="muted small">Stored encrypted, hashed at intake · up to {formatBytes(MAX_EVIDENCE_BYTES)}</span>
            <input
              ref={input}
              type="file"
              multiple
              className="visually-hidden"
              aria-label="Add evidence files"
              onChange={(e) => {
                void uploadAll(e.target.files);
                e.target.value = '';
              }}
            />
          </div>
        )}
        {uploads.length > 0 && (
          <ul className="uploads" aria-live="polite">
            {uploads.map((u) => (
              <li key={u.name} className={u.stage === 'failed' ? 'is-failed' : undefined}>
                <span className="upload-name">{u.name}</span>
                {u.stage === 'failed' ? (
                  <span className="field-error">Failed: {u.error}</span>
                ) : (
                  <>
                    <progress max={1} value={u.stage === 'reading' ? u.progress : undefined} aria-label={`Uploading ${u.name}`} />
                    <span className="muted small">{u.stage === 'reading' ? `Reading ${Math.round(u.progress * 100)}%` : 'Encrypting and hashing…'}</span>
                  </>
                )}
                {u.stage === 'failed' && (
                  <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label={`Dismiss ${u.name}`} onClick={() => setUploads((l) => l.filter((x) => x !== u))}>
                    <Icon name="x" size={12} />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {loading && <Spinner label="Loading evidence" />}
        {!loading && evidence.length === 0 && uploads.length === 0 && <p className="muted small empty-line">No evidence attached yet.</p>}
        {evidence.length > 0 && (
          <ul className="evidence-list">
            {evidence.map((item) => (
              <li key={item.id} className="evidence-item" data-testid="evidence-item">
                <div className="evidence-main">
                  <Icon name="file" size={16} />
                  <div>
                    <div className="evidence-name">{item.name}</div>
                    <div className="muted small">
                      {formatBytes(item.size)} · {item.mediaType} · added by {item.addedBy} · <time dateTime={item.addedAt}>{formatDateTime(item.addedAt)}</time>
                    </div>
                    <div className="hash-line">
                      <span className="hash-label">SHA-256</span>
                      <code className="hash" title={item.sha256} data-sha256={item.sha256}>{shortHash(item.sha256, 12, 8)}</code>
                      <CopyButton text={item.sha256} label={`Copy SHA-256 of ${item.name}`} compact />
                    </div>
                  </div>
                </div>
                <div className="evidence-actions">
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => setViewing(item)} aria-label={`View ${item.name}`}>
                    <Icon name="eye" size={14} /> View
                  </button>
                  {canExport && (
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => void download(item)} aria-label={`Download ${item.name}`}>
                      <Icon name="download" size={14} /> Download
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {viewing && <EvidenceViewer incidentRef={incidentRef} evidence={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}
