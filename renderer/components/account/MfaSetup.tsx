import { useState, type FormEvent } from 'react';
import type { ApiError, MfaEnrolment } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useSession } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { CopyButton } from '../common/CopyButton';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { issuesByField } from '../../lib/issuesByField';
import { Icon } from '../common/Icon';

/**
 * TOTP enrolment: the passphrase again (and a code from the current device, if one is enrolled),
 * so a session left open cannot swap in someone else's authenticator; then scan the QR (or type
 * the secret) and prove it with one code.
 */
export function MfaSetup() {
  const client = useClient();
  const toasts = useToasts();
  const { session, refresh } = useSession();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [currentCode, setCurrentCode] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const begin = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.call('mfa.begin', session.mfaEnrolled ? { passphrase, code: currentCode } : { passphrase });
    setBusy(false);
    setCurrentCode('');
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setPassphrase('');
    setEnrolment(result.value);
  };

  const confirm = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.call('mfa.confirm', { code });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setEnrolment(null);
    setCode('');
    if (session.mfaEnrolled) toasts.show('success', 'New authenticator enrolled', 'Sign-in now asks for a code from the new device; the old one no longer works.');
    else toasts.show('success', 'Two-factor authentication is on', 'Sign-in now asks for a code from your authenticator app.');
    await refresh();
  };

  const codeError = error?.issues?.join(' ') ?? (error && enrolment ? error.message : undefined);
  // Before enrolment: a wrong passphrase or current code belongs to its field, anything else above the form.
  const beginIssues = !enrolment ? issuesByField(error, ['passphrase', 'code']) : null;
  const wrongCode = !enrolment && error?.code === 'BAD_CREDENTIALS' && /code/.test(error.message) ? error.message : undefined;
  const passphraseError = beginIssues?.fields.passphrase ?? (!enrolment && error?.code === 'BAD_CREDENTIALS' && !wrongCode ? error.message : undefined);
  const currentCodeError = beginIssues?.fields.code ?? wrongCode;
  const otherError = !enrolment && error && error.code !== 'BAD_CREDENTIALS' ? beginIssues?.other.join(' ') : undefined;
  return (
    <section className="card" aria-labelledby="mfa-title">
      <div className="card-header">
        <h2 id="mfa-title">Two-factor authentication</h2>
        {session.mfaEnrolled ? <span className="badge badge-ok">On</span> : <span className="badge badge-muted">Off</span>}
      </div>
      <div className="card-body form">
        {otherError && <ErrorBanner>{otherError}</ErrorBanner>}
        {!enrolment && (
          <form className="form" onSubmit={(e) => void begin(e)} noValidate>
            <p className="muted">
              {session.mfaEnrolled
                ? 'Sign-in asks for a 6-digit code from your authenticator app. Enrolling a new device replaces the current one: confirm with your passphrase and a code from the current device.'
                : 'Add a time-based code (TOTP) from an authenticator app to every sign-in. Confirm with your passphrase first.'}
            </p>
            <Field id="mfa-passphrase" label="Your passphrase" error={passphraseError}>
              <input
                {...describedBy('mfa-passphrase', passphraseError)}
                type="password"
                autoComplete="current-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            </Field>
            {session.mfaEnrolled && (
              <Field id="mfa-current-code" label="Code from your current authenticator" error={currentCodeError}>
                <input
                  {...describedBy('mfa-current-code', currentCodeError)}
                  className="otp-input"
                  value={currentCode}
                  onChange={(e) => setCurrentCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                />
              </Field>
            )}
            <div>
              <button
                type="submit"
                className="btn btn-secondary"
                disabled={busy || passphrase.length === 0 || (session.mfaEnrolled && currentCode.length !== 6)}
              >
                <Icon name="key" size={14} />
                {session.mfaEnrolled ? 'Enrol a new device' : 'Set up an authenticator'}
              </button>
            </div>
          </form>
        )}
        {enrolment && (
          <form className="mfa-setup" onSubmit={(e) => void confirm(e)} noValidate>
            <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" className="qr" width={180} height={180} />
            <div className="form">
              <ol className="steps-list">
                <li>Scan the QR code with your authenticator app, or enter this secret by hand:</li>
              </ol>
              <div className="secret-line">
                <code className="secret" data-testid="mfa-secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                <CopyButton text={enrolment.secret} label="Copy secret" compact />
              </div>
              <ol className="steps-list" start={2}>
                <li>Enter the 6-digit code it shows to confirm.</li>
              </ol>
              <Field id="mfa-code" label="Code" error={codeError}>
                <input
                  {...describedBy('mfa-code', codeError)}
                  className="otp-input"
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  autoFocus
                />
              </Field>
              <div className="button-row">
                <button type="submit" className="btn btn-primary" disabled={busy || code.length !== 6}>Confirm</button>
                <button type="button" className="btn btn-secondary" onClick={() => setEnrolment(null)}>Cancel</button>
              </div>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
