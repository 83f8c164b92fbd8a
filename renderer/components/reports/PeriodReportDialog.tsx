import { useState } from 'react';
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, TLP_MEANING, type ApiError, type Category, type ReportFile, type ReportFormat, type Severity, type TlpLevel } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { base64ToBytes } from '../../lib/base64ToBytes';
import { describeError } from '../../lib/describeError';
import { humanize } from '../../lib/humanize';
import { saveBytes } from '../../lib/saveBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field, describedBy } from '../common/Field';
import { Modal } from '../common/Modal';

const FORMAT: Record<ReportFormat, string> = { pdf: 'PDF', docx: 'Word (DOCX)', md: 'Markdown', html: 'HTML (standalone file)' };

export interface PeriodReportRequest {
  /** "Q3 2026", as the dashboard names the period. */
  label: string;
  from: string;
  to: string;
  severity: Severity[];
  category: Category | '';
  includeExercises: boolean;
}

/**
 * The period report for the period and filters picked on the Dashboard: format, TLP marking and
 * redaction, then the file downloads. Generating it is recorded in the log with the file's SHA-256;
 * the dialog then shows the anchor the report carries, as the incident report's dialog does.
 */
export function PeriodReportDialog({ request, onClose }: { request: PeriodReportRequest; onClose: () => void }) {
  const client = useClient();
  const seesPii = useCan('pii:read');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [tlp, setTlp] = useState<TlpLevel>(DEFAULT_TLP);
  const [redact, setRedact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ReportFile | null>(null);
  const filters = [
    request.severity.length ? `highest severity ${request.severity.join(', ')}` : 'every severity',
    request.category ? humanize(request.category) : 'every category',
    request.includeExercises ? 'exercises included (marked EXERCISE)' : 'exercises left out',
  ].join(' · ');

  const generate = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await client.call('reports.period', {
      from: request.from, to: request.to, format, tlp, redact, includeExercises: request.includeExercises,
      ...(request.severity.length ? { severity: request.severity } : {}), ...(request.category ? { category: [request.category] } : {}),
    });
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
      title={`Period report — ${request.label}`}
      onClose={onClose}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
          <button type="button" className="btn btn-primary" onClick={() => void generate()} disabled={busy}>{busy ? 'Generating…' : done ? 'Download again' : 'Download report'}</button>
        </>
      }
    >
      <p className="field-hint" data-testid="period-report-scope">
        {request.from} to {request.to} (UTC) · {filters}. The same figures as the dashboard, with the incidents, every notification obligation, backup and drill health, open action items and data problems.
      </p>
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void generate(); }}>
        <Field id="period-report-format" label="Format">
          <select {...describedBy('period-report-format', undefined)} value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {REPORT_FORMATS.map((f) => <option key={f} value={f}>{FORMAT[f]}</option>)}
          </select>
        </Field>
        <Field id="period-report-tlp" label="TLP marking" hint={TLP_MEANING[tlp]}>
          <select {...describedBy('period-report-tlp', undefined, true)} value={tlp} onChange={(e) => setTlp(e.target.value as TlpLevel)}>
            {TLP_LEVELS.map((l) => <option key={l} value={l}>TLP:{l.toUpperCase()}</option>)}
          </select>
        </Field>
        <label className="check-row span-2">
          <input type="checkbox" role="switch" checked={redact} onChange={(e) => setRedact(e.target.checked)} aria-describedby="period-report-redact-hint" />
          Redact personal data (for distribution outside the team)
        </label>
        <p className="field-hint span-2" id="period-report-redact-hint">
          The period report never prints a reporter or the people affected.{' '}
          {seesPii
            ? 'Redacting also masks any value of those fields typed into a title, a reason or an action item.'
            : 'Your role cannot see personal data: titles, reasons and action items are scrubbed of it either way.'}
        </p>
      </form>
      {error && <ErrorBanner>No report: {describeError(error)}</ErrorBanner>}
      {done && (
        <div className="verify-result is-ok" role="status" data-testid="period-report-done">
          <div>
            <strong>Downloaded {done.fileName}</strong>
            <span>SHA-256 <code title={done.sha256}>{done.sha256.slice(0, 16)}…</code>, recorded in the log as event #{done.eventSeq}.</span>
            <span>
              Log anchor <code title={`${done.anchor.seq}:${done.anchor.hash}`}>{done.anchor.seq}:{done.anchor.hash.slice(0, 16)}…</code>
              {done.verification.ok ? ' — chain verified.' : ` — the chain did NOT verify (event ${done.verification.firstBadSeq ?? '?'}); the report says so.`}
            </span>
          </div>
        </div>
      )}
    </Modal>
  );
}
