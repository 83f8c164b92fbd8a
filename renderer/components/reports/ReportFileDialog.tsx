import { useState, type ReactNode } from 'react';
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, TLP_MEANING, type ApiError, type ReportFile, type ReportFormat, type Result, type TlpLevel } from '../../../contract';
import { base64ToBytes } from '../../lib/base64ToBytes';
import { describeError } from '../../lib/describeError';
import { saveBytes } from '../../lib/saveBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field, describedBy } from '../common/Field';
import { Modal } from '../common/Modal';

const FORMAT: Record<ReportFormat, string> = { pdf: 'PDF', docx: 'Word (DOCX)', md: 'Markdown', html: 'HTML (standalone file)' };

export interface ReportChoice {
  format: ReportFormat;
  tlp: TlpLevel;
  redact: boolean;
}

interface Props {
  title: string;
  /** Prefix of the fields' ids and test ids: `${idPrefix}-format`, `${idPrefix}-done`, `${idPrefix}-anchor`. */
  idPrefix: string;
  /** What the report covers, above the choices. */
  scope?: ReactNode;
  /** Under the redaction switch: what redacting changes for this report and this role. */
  redactHint: ReactNode;
  generate: (choice: ReportChoice) => Promise<Result<ReportFile>>;
  onClose: () => void;
}

/**
 * A report file in one click, whichever report it is: format, TLP marking and redaction, then the
 * file downloads. Generating it is recorded in the log with the file's SHA-256; the dialog then
 * shows the anchor the report carries, so it can be checked later (Audit log › Verify chain), and
 * says plainly when the chain did not verify.
 */
export function ReportFileDialog({ title, idPrefix, scope, redactHint, generate, onClose }: Props) {
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [tlp, setTlp] = useState<TlpLevel>(DEFAULT_TLP);
  const [redact, setRedact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ReportFile | null>(null);

  const download = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await generate({ format, tlp, redact });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    saveBytes(base64ToBytes(result.value.dataBase64), result.value.fileName, result.value.mediaType);
    setDone(result.value);
  };

  return (
    <Modal
      title={title}
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
          <button type="button" className="btn btn-primary" onClick={() => void download()} disabled={busy}>{busy ? 'Generating…' : done ? 'Download again' : 'Download report'}</button>
        </>
      }
    >
      {scope}
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void download(); }}>
        <Field id={`${idPrefix}-format`} label="Format">
          <select {...describedBy(`${idPrefix}-format`, undefined)} value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {REPORT_FORMATS.map((f) => <option key={f} value={f}>{FORMAT[f]}</option>)}
          </select>
        </Field>
        <Field id={`${idPrefix}-tlp`} label="TLP marking" hint={TLP_MEANING[tlp]}>
          <select {...describedBy(`${idPrefix}-tlp`, undefined, true)} value={tlp} onChange={(e) => setTlp(e.target.value as TlpLevel)}>
            {TLP_LEVELS.map((l) => <option key={l} value={l}>TLP:{l.toUpperCase()}</option>)}
          </select>
        </Field>
        <label className="check-row span-2">
          <input type="checkbox" role="switch" checked={redact} onChange={(e) => setRedact(e.target.checked)} aria-describedby={`${idPrefix}-redact-hint`} />
          Redact personal data (for distribution outside the team)
        </label>
        <p className="field-hint span-2" id={`${idPrefix}-redact-hint`}>{redactHint}</p>
      </form>
      {error && <ErrorBanner>No report: {describeError(error)}</ErrorBanner>}
      {done && (
        <div className="verify-result is-ok" role="status" data-testid={`${idPrefix}-done`}>
          <div>
            <strong>Downloaded {done.fileName}</strong>
            <span>SHA-256 <code title={done.sha256}>{done.sha256.slice(0, 16)}…</code>, recorded in the log as event #{done.eventSeq}.</span>
            <span>
              Log anchor <code data-testid={`${idPrefix}-anchor`} title={`${done.anchor.seq}:${done.anchor.hash}`}>{done.anchor.seq}:{done.anchor.hash.slice(0, 16)}…</code>
              {done.verification.ok ? ' — chain verified.' : ` — the chain did NOT verify (event ${done.verification.firstBadSeq ?? '?'}); the report says so.`}
            </span>
            {done.personalData !== 'shown' && <span>Personal data {done.personalData}.</span>}
          </div>
        </div>
      )}
    </Modal>
  );
}
