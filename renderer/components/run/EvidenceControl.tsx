import { useState } from 'react';
import { MAX_EVIDENCE_BYTES, type Evidence } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { describeError } from '../../lib/describeError';
import { fileToBase64 } from '../../lib/fileToBase64';
import { formatBytes } from '../../lib/formatBytes';
import { shortHash } from '../../lib/shortHash';
import { DoneButton } from './DoneButton';
import type { StepControlProps } from './types';

interface Upload {
  name: string;
  error: string | null;
}

/**
 * Uploads go through evidence.add like the Evidence panel (hashed at intake, a custody event);
 * files already on the incident can be picked too. Done needs `minFiles` of them.
 */
export function EvidenceControl({
  step, busy, send, incidentRef, evidence, onEvidenceAdded,
}: StepControlProps & { incidentRef: string; evidence: Evidence[]; onEvidenceAdded: () => void }) {
  const client = useClient();
  const canUpload = useCan('evidence:write');
  const canList = useCan('evidence:read');
  const d = step.definition;
  const minFiles = d.minFiles ?? 1;
  const [selected, setSelected] = useState<string[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const inputId = `run-${d.id}-files`;

  const uploadOne = async (file: File): Promise<void> => {
    const fail = (error: string): void => setUploads((l) => l.map((u) => (u.name === file.name ? { ...u, error } : u)));
    setUploads((l) => [...l.filter((u) => u.name !== file.name), { name: file.name, error: null }]);
    if (file.size > MAX_EVIDENCE_BYTES) {
      fail(`larger than ${formatBytes(MAX_EVIDENCE_BYTES)}`);
      return;
    }
    let dataBase64: string;
    try {
      dataBase64 = await fileToBase64(file, () => undefined);
    } catch (err) {
      fail(err instanceof Error ? err.message : 'could not read the file');
      return;
    }
    const result = await client.call('evidence.add', {
      ref: incidentRef, name: file.name, mediaType: file.type || 'application/octet-stream', description: d.attach ?? '', dataBase64,
    });
    if (!result.ok) {
      fail(describeError(result.error));
      return;
    }
    const added = result.value.id;
    setUploads((l) => l.filter((u) => u.name !== file.name));
    setSelected((s) => (s.includes(added) ? s : [...s, added]));
    onEvidenceAdded();
  };

  const uploadAll = async (files: FileList | null): Promise<void> => {
    for (const file of Array.from(files ?? [])) await uploadOne(file);
  };

  const toggle = (id: string, on: boolean): void => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const uploading = uploads.some((u) => u.error === null);

  return (
    <div className="run-control">
      {d.attach && <p className="small"><strong>Attach:</strong> {d.attach}</p>}
      {canUpload && (
        <div className="field">
          <label htmlFor={inputId}>Upload files for this step</label>
          <input id={inputId} type="file" multiple disabled={busy} onChange={(e) => {
            void uploadAll(e.target.files);
            e.target.value = '';
          }} />
        </div>
      )}
      {uploads.length > 0 && (
        <ul className="uploads" aria-live="polite">
          {uploads.map((u) => (
            <li key={u.name}>
              <span className="upload-name">{u.name}</span>
              {u.error === null ? <span className="muted small">Encrypting and hashing…</span> : <span className="field-error">Failed: {u.error}</span>}
            </li>
          ))}
        </ul>
      )}
      {canList && evidence.length > 0 && (
        <fieldset className="run-fieldset">
          <legend className="label">Evidence on this incident</legend>
          {evidence.map((item) => (
            <label key={item.id} className="check-row">
              <input type="checkbox" checked={selected.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
              <span>{item.name}</span>
              <code className="hash" title={item.sha256}>{shortHash(item.sha256, 8, 4)}</code>
            </label>
          ))}
        </fieldset>
      )}
      {!canUpload && !canList && <p className="muted small">Your role cannot read or add evidence; someone with evidence access must finish this step.</p>}
      <div className="run-control-actions">
        <DoneButton
          disabled={busy || uploading || selected.length < minFiles}
          onClick={() => void send({ type: 'done', step: d.id, evidence: selected })}
        />
        <span className="muted small" aria-live="polite">{selected.length} of at least {minFiles} {minFiles === 1 ? 'file' : 'files'} selected</span>
      </div>
    </div>
  );
}
