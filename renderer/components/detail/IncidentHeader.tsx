import type { Incident } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';
import { humanize } from '../../lib/humanize';
import { SeverityBadge } from '../common/SeverityBadge';
import { StatusBadge } from '../common/StatusBadge';

export function IncidentHeader({ incident }: { incident: Incident }) {
  return (
    <header className="incident-header">
      <div className="incident-title-row">
        <span className="mono ref-chip" data-testid="incident-ref">{incident.ref}</span>
        <SeverityBadge severity={incident.severity} long />
        <StatusBadge status={incident.status} />
      </div>
      <h1 className="incident-title">{incident.title}</h1>
      <dl className="meta-row">
        <div><dt>Category</dt><dd>{humanize(incident.category)}</dd></div>
        <div><dt>Owner</dt><dd>{incident.owner ?? <span className="muted">Unassigned</span>}</dd></div>
        <div><dt>Detected</dt><dd><time dateTime={incident.detectedAt}>{formatDateTime(incident.detectedAt)}</time></dd></div>
        <div><dt>Declared by</dt><dd>{incident.createdBy}</dd></div>
        <div><dt>Updated</dt><dd><time dateTime={incident.updatedAt} title={formatDateTime(incident.updatedAt, true)}>{formatRelative(incident.updatedAt)}</time></dd></div>
      </dl>
    </header>
  );
}
