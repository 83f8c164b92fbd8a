import { useState } from 'react';
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, TLP_MEANING, type ApiError, type ReportFile, type ReportFormat, type TlpLevel } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { base64ToBytes } from '../../lib/base64ToBytes';
import { describeError } from '../../lib/describeError';
import { saveBytes } from '../../lib/saveBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field, describedBy } from '../common/Field';
import { Modal } from '../common/Modal';

const FORMAT: Record<ReportFormat, string> = { pdf: 'PDF', docx: 'Word (DOCX)', md: 'Markdown', html: 'HTML (standalone file)' };

/**
 * The incident report in one click: format, TLP marking and redaction, then the file downloads.
 * Generating it is recorded in the log with the file's SHA-256; the dialog then shows the anchor
 * the report carries, so it can be checked later (Audit log › Verify chain).
 */
export function ReportDialog({ incidentRef, onClose }: { incidentRef: string; onClose: () => void }) {
  const client = useClient();
  const seesPii = useCan('pii:read');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [tlp, setTlp] = useState<TlpLevel>(DEFAULT_TLP);
  const [redact, setRedact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ReportFile | null>(null);

  const generate = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await client.call('reports.incident', { ref: incidentRef, format, tlp, redact });
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
      title={`Incident report — ${incidentRef}`}
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
          <button type="button" className="btn btn-primary" onClick={() => void generate()} disabled={busy}>{busy ? 'Generating…' : done ? 'Download again' : 'Download report'}</button>
        </>
      }
    >
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void generate(); }}>
        <Field id="report-format" label="Format">
          <select {...describedBy('report-format', undefined)} value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {REPORT_FORMATS.map((f) => <option key={f} value={f}>{FORMAT[f]}</option>)}
          </select>
        </Field>
        <Field id="report-tlp" label="TLP marking" hint={TLP_MEANING[tlp]}>
          <select {...describedBy('report-tlp', undefined, true)} value={tlp} onChange={(e) => setTlp(e.target.value as TlpLevel)}>
            {TLP_LEVELS.map((l) => <option key={l} value={l}>TLP:{l.toUpperCase()}</option>)}
          </select>
        </Field>
        <label className="check-row span-2">
          <input type="checkbox" role="switch" checked={redact} onChange={(e) => setRedact(e.target.checked)} aria-describedby="report-redact-hint" />
          Redact personal data (for distribution outside the team)
        </label>
        <p className="field-hint span-2" id="report-redact-hint">
          {seesPii
            ? 'Masks the reporter, the people affected and personal runbook inputs, wherever they appear. Free text may still name people: review before sharing.'
            : 'Your role cannot see personal data: it is masked in your report either way.'}
        </p>
      </form>
      {error && <ErrorBanner>No report: {describeError(error)}</ErrorBanner>}
      {done && (
        <div className="verify-result is-ok" role="status" data-testid="report-done">
          <div>
            <strong>Downloaded {done.fileName}</strong>
            <span>SHA-256 <code title={done.sha256}>{done.sha256.slice(0, 16)}…</code>, recorded in the log as event #{done.eventSeq}.</span>
            <span>
              Log anchor <code data-testid="report-anchor" title={`${done.anchor.seq}:${done.anchor.hash}`}>{done.anchor.seq}:{done.anchor.hash.slice(0, 16)}…</code>
              {done.verification.ok ? ' — chain verified.' : ` — the chain did NOT verify (event ${done.verification.firstBadSeq ?? '?'}); the report says so.`}
            </span>
            {done.personalData !== 'shown' && <span>Personal data {done.personalData}.</span>}
          </div>
        </div>
      )}
    </Modal>
  );
}
