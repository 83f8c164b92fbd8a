import { useId, useState } from 'react';
import type { BackupCheck, VerifyLevel } from '../../../contract';
import { describeDrill } from '../../lib/describeDrill';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';

export const LEVEL_LABEL: Record<VerifyLevel, string> = { quick: 'Quick check', full: 'Full check', drill: 'Drill' };

/** One check: level, ok or failed, when, a drill's restore time against the RTO, and its problems on demand. */
export function CheckSummary({ check, rpoMinutes, now }: { check: BackupCheck | null; rpoMinutes: number | null; now: number }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (check === null) return <span className="muted small">Never checked</span>;
  const drill = check.level === 'drill' ? describeDrill(check, rpoMinutes) : null;
  const n = check.problems.length;
  return (
    <div className="check-summary" data-level={check.level} data-ok={check.ok}>
      <span>
        <span className={`badge ${check.ok ? 'badge-ok' : 'badge-failed'}`}>{LEVEL_LABEL[check.level]} {check.ok ? 'ok' : 'failed'}</span>{' '}
        <time className="muted small" dateTime={check.at} title={formatDateTime(check.at, true)}>{formatRelative(check.at, now)}</time>
      </span>
      {drill && <span className="small">{drill.rto}</span>}
      {n > 0 && (
        <>
          <button type="button" className="btn-link small" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Show'} {n} {n === 1 ? 'problem' : 'problems'}
          </button>
          {open && (
            <ul id={listId} className="problem-list" aria-label="Problems">
              {check.problems.map((p, i) => <li key={i}><code>{p}</code></li>)}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
