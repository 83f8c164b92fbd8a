import { useState } from 'react';
import { CopyButton } from '../common/CopyButton';
import { ErrorBanner } from '../common/ErrorBanner';
import { AuthLayout } from './AuthLayout';

/** Shown exactly once, right after the vault is created: the key is never stored in the clear. */
export function RecoveryKeyScreen({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const [stored, setStored] = useState(false);
  return (
    <AuthLayout title="Store your recovery key" wide subtitle="This is the only time Firebreak will show it.">
      <ErrorBanner tone="warning">
        <strong>Write it down or print it, and keep it offline</strong> — in a safe or with your disaster-recovery
        plan, not on this computer. It opens the vault if every passphrase is lost. Anyone holding it and a copy of
        the data can read everything.
      </ErrorBanner>
      <figure className="recovery-key">
        <figcaption>Recovery key</figcaption>
        <code data-testid="recovery-key">{recoveryKey}</code>
        <CopyButton text={recoveryKey} label="Copy key" />
      </figure>
      <label className="check-row check-confirm">
        <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        I have stored the recovery key somewhere safe, away from this computer.
      </label>
      <button type="button" className="btn btn-primary btn-block" disabled={!stored} onClick={onDone}>
        Continue to Firebreak
      </button>
    </AuthLayout>
  );
}
