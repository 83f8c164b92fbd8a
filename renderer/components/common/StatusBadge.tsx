import type { IncidentStatus } from '../../../contract';
import { humanize } from '../../lib/humanize';

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span className={`badge status status-${status}`}>
      <span className="dot" aria-hidden="true" />
      {humanize(status)}
    </span>
  );
}
