import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError, SessionInfo } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCountdown } from '../../hooks/useCountdown';
import { issuesByField } from '../../lib/issuesByField';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { AuthLayout } from './AuthLayout';

export function SignInScreen({
  notice, defaultUser, onSignedIn, onRecover,
}: { notice: string | null; defaultUser: string; onSignedIn: (session: SessionInfo) => void; onRecover: () => void }) {
  const client = useClient();
  const [user, setUser] = useState(defaultUser);
  const [passphrase, setPassphrase] = useState('');
  const [otp, setOtp] = useState('');
  const [needOtp, setNeedOtp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryAt);
  const otpRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);
  const waiting = secondsLeft !== null && secondsLeft > 0;

  useEffect(() => {
    if (needOtp) otpRef.current?.focus();
  }, [needOtp]);
  useEffect(() => {
    if (secondsLeft === 0) {
      setRetryAt(null);
      setError(null);
    }
  }, [secondsLeft]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (waiting) return;
    setBusy(true);
    setError(null);
    const result = await client.call('auth.login', { user: user.trim(), passphrase, ...(needOtp ? { otp: otp.trim() } : {}) });
    setBusy(false);
    if (result.ok) {
      localStorage.setItem('firebreak.lastUser', result.value.user);
      onSignedIn(result.value);
      return;
    }
    const err = result.error;
    if (err.code === 'MFA_REQUIRED') {
      setNeedOtp(true);
      return;
    }
    if (err.code === 'RATE_LIMITED') setRetryAt(Date.now() + (err.retryAfterMs ?? 30_000));
    setError(err);
    if (err.code === 'BAD_CREDENTIALS') {
      if (needOtp) setOtp('');
      else {
        setPassphrase('');
        passRef.current?.focus();
      }
    }
  };

  const issues = issuesByField(error?.code === 'VALIDATION' ? error : null, ['user', 'passphrase', 'otp']);
  return (
    <AuthLayout title="Sign in" subtitle="Unlock the vault with your passphrase.">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {notice && !error && <ErrorBanner tone="info">{notice}</ErrorBanner>}
        {waiting ? (
          <ErrorBanner>
            Too many failed attempts. Try again in <strong data-testid="retry-seconds">{secondsLeft}</strong> s.
          </ErrorBanner>
        ) : (
          error && error.code !== 'VALIDATION' && <ErrorBanner>{error.message}</ErrorBanner>
        )}
        {issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="signin-user" label="User name" error={issues.fields.user}>
          <input
            {...describedBy('signin-user', issues.fields.user)}
            value={user}
            onChange={(e) => setUser(e.target.value)}
            autoComplete="username"
            autoFocus={user === ''}
            required
          />
        </Field>
        <Field id="signin-passphrase" label="Passphrase" error={issues.fields.passphrase}>
          <input
            {...describedBy('signin-passphrase', issues.fields.passphrase)}
            ref={passRef}
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="current-password"
            autoFocus={user !== ''}
            required
          />
        </Field>
        {needOtp && (
          <Field id="signin-otp" label="Authentication code" error={issues.fields.otp} hint="The 6-digit code from your authenticator app.">
            <input
              {...describedBy('signin-otp', issues.fields.otp, true)}
              ref={otpRef}
              value={otp}
              onChange={(e) => setOtp(e.target.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              autoComplete="one-time-code"
              className="otp-input"
              required
            />
          </Field>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || waiting}>
          {busy ? 'Unlocking…' : needOtp ? 'Verify and sign in' : 'Sign in'}
        </button>
        <button type="button" className="btn btn-link" onClick={onRecover}>
          Forgot your passphrase? Use the recovery key
        </button>
      </form>
    </AuthLayout>
  );
}
