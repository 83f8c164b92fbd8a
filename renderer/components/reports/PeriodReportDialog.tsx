import type { Category, Severity } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { humanize } from '../../lib/humanize';
import { ReportFileDialog } from './ReportFileDialog';

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
 * redaction, then the file downloads (ReportFileDialog, as the incident report's dialog).
 */
export function PeriodReportDialog({ request, onClose }: { request: PeriodReportRequest; onClose: () => void }) {
  const client = useClient();
  const seesPii = useCan('pii:read');
  const filters = [
    request.severity.length ? `highest severity ${request.severity.join(', ')}` : 'every severity',
    request.category ? humanize(request.category) : 'every category',
    request.includeExercises ? 'exercises included (marked EXERCISE)' : 'exercises left out',
  ].join(' · ');
  return (
    <ReportFileDialog
      title={`Period report — ${request.label}`}
      idPrefix="period-report"
      scope={
        <p className="field-hint" data-testid="period-report-scope">
          {request.from} to {request.to} (UTC) · {filters}. The same figures as the dashboard, with the incidents, every notification obligation, backup and drill health, open action items and data problems.
        </p>
      }
      redactHint={
        <>
          The period report never prints a reporter or the people affected.{' '}
          {seesPii
            ? 'Redacting also masks any value of those fields typed into a title, a reason or an action item.'
            : 'Your role cannot see personal data: titles, reasons and action items are scrubbed of it either way.'}
        </>
      }
      generate={(choice) => client.call('reports.period', {
        from: request.from, to: request.to, includeExercises: request.includeExercises, ...choice,
        ...(request.severity.length ? { severity: request.severity } : {}), ...(request.category ? { category: [request.category] } : {}),
      })}
      onClose={onClose}
    />
  );
}
