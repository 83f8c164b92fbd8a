import type { Severity } from '../../../contract';

const LABEL: Record<Severity, string> = { SEV1: 'Critical', SEV2: 'High', SEV3: 'Moderate', SEV4: 'Low' };

export function SeverityBadge({ severity, long = false }: { severity: Severity; long?: boolean }) {
  return (
    <span className={`badge sev sev-${severity.toLowerCase()}`} title={`${severity} · ${LABEL[severity]}`}>
      {severity}
      {long && <span className="sev-label"> · {LABEL[severity]}</span>}
    </span>
  );
}
