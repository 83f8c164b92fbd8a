import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { ReportFileDialog } from './ReportFileDialog';

/** The incident report: format, TLP marking and redaction, then the file downloads (ReportFileDialog). */
export function ReportDialog({ incidentRef, onClose }: { incidentRef: string; onClose: () => void }) {
  const client = useClient();
  const seesPii = useCan('pii:read');
  return (
    <ReportFileDialog
      title={`Incident report — ${incidentRef}`}
      idPrefix="report"
      redactHint={seesPii
        ? 'Masks the reporter, the people affected and personal runbook inputs, wherever they appear. Free text may still name people: review before sharing.'
        : 'Your role cannot see personal data: it is masked in your report either way.'}
      generate={(choice) => client.call('reports.incident', { ref: incidentRef, ...choice })}
      onClose={onClose}
    />
  );
}
