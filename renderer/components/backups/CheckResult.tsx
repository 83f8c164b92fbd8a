import type { BackupCheck } from '../../../contract';
import { describeDrill } from '../../lib/describeDrill';
import { formatBytes } from '../../lib/formatBytes';
import { formatCount } from '../../lib/formatCount';
import { Icon } from '../common/Icon';
import { LEVEL_LABEL } from './CheckSummary';

/** What a Verify or a Drill just found, above the backups: for a drill, the restore time against the RTO and the age against the RPO. */
export function CheckResult({ check, rpoMinutes, onDismiss }: { check: BackupCheck; rpoMinutes: number | null; onDismiss: () => void }) {
  const drill = check.level === 'drill' ? describeDrill(check, rpoMinutes) : null;
  const verdict = drill ? (check.ok ? 'passed' : 'failed') : check.ok ? 'ok' : 'failed';
  return (
    <div className={`verify-result check-result ${check.ok ? 'is-ok' : 'is-broken'}`} role="status" data-testid="check-result" data-level={check.level}>
      <Icon name={check.ok ? 'check' : 'alert'} size={18} />
      <div>
        <strong>{LEVEL_LABEL[check.level]} of <code>{check.backupId}</code>: {verdict}</strong>
        {drill ? (
          <>
            <span data-testid="drill-rto">
              Restore: <span className={drill.rtoMet === false ? 'objective-missed' : undefined}>{drill.rto}</span>
            </span>
            <span data-testid="drill-rpo">
              Recovery point: <span className={drill.rpoMet === false ? 'objective-missed' : undefined}>{drill.rpo}</span>
            </span>
            <span className="muted small">
              {formatCount(check.files)} {check.files === 1 ? 'file' : 'files'} ({formatBytes(check.bytes)}) restored into a scratch directory, checked against the manifest and removed.
            </span>
          </>
        ) : (
          <span>
            {check.level === 'quick'
              ? 'The manifests decrypt and every archive the backup needs is there with the size its manifest recorded.'
              : `Every needed archive decrypted and ${formatCount(check.files)} files (${formatBytes(check.bytes)}) re-hashed against the manifest.`}
          </span>
        )}
        {check.problems.length > 0 && (
          <ul className="problem-list" aria-label="Problems found">
            {check.problems.map((p, i) => <li key={i}><code>{p}</code></li>)}
          </ul>
        )}
      </div>
      <button type="button" className="btn btn-ghost btn-icon btn-sm check-result-close" onClick={onDismiss} aria-label="Dismiss the check result">
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}
