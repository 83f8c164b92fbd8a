import { useState } from 'react';
import type { Incident } from '../../../contract';
import { useCan } from '../../hooks/useSession';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';
import { humanize } from '../../lib/humanize';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { ExerciseBanner } from '../common/ExerciseBanner';
import { SeverityBadge } from '../common/SeverityBadge';
import { Icon } from '../common/Icon';
import { StatusBadge } from '../common/StatusBadge';
import { ReportDialog } from '../reports/ReportDialog';

export function IncidentHeader({ incident }: { incident: Incident }) {
  const canReport = useCan('report:read');
  const [reporting, setReporting] = useState(false);
  // "SEV3 · reached SEV1": reports group by the highest severity, so a calmed-down incident says what it was.
  const reached = incident.highestSeverity !== incident.severity;
  return (
    <header className="incident-header">
      <div className="incident-title-row">
        <span className="mono ref-chip" data-testid="incident-ref">{incident.ref}</span>
        {incident.exercise && <ExerciseBadge />}
        <SeverityBadge severity={incident.severity} long />
        {reached && (
          <span className="muted small" data-testid="highest-severity" title={`The most severe this incident has been: ${incident.highestSeverity}`}>
            · reached <SeverityBadge severity={incident.highestSeverity} />
          </span>
        )}
        <StatusBadge status={incident.status} />
        {canReport && (
          <button type="button" className="btn btn-secondary btn-sm incident-report-button" onClick={() => setReporting(true)}>
            <Icon name="file" size={14} />
            Report
          </button>
        )}
      </div>
      {reporting && <ReportDialog incidentRef={incident.ref} onClose={() => setReporting(false)} />}
      <h1 className="incident-title">{incident.title}</h1>
      {incident.exercise && (
        <ExerciseBanner>A tabletop or drill: every notice and export of it is marked as an exercise, and it is left out of KPIs unless asked.</ExerciseBanner>
      )}
      <dl className="meta-row">
        <div><dt>Category</dt><dd>{humanize(incident.category)}</dd></div>
        <div><dt>Owner</dt><dd>{incident.owner ?? <span className="muted">Unassigned</span>}</dd></div>
        <div>
          <dt>Compromise started</dt>
          <dd>{incident.startedAt ? <time dateTime={incident.startedAt}>{formatDateTime(incident.startedAt)}</time> : <span className="muted">Unknown</span>}</dd>
        </div>
        <div><dt>Detected</dt><dd><time dateTime={incident.detectedAt}>{formatDateTime(incident.detectedAt)}</time></dd></div>
        <div><dt>Declared by</dt><dd>{incident.createdBy}</dd></div>
        <div><dt>Updated</dt><dd><time dateTime={incident.updatedAt} title={formatDateTime(incident.updatedAt, true)}>{formatRelative(incident.updatedAt)}</time></dd></div>
      </dl>
    </header>
  );
}
