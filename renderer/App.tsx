import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FirebreakClient, SessionInfo, Topics } from '../contract';
import { ChoosePassphraseScreen } from './components/auth/ChoosePassphraseScreen';
import { CreateVaultScreen } from './components/auth/CreateVaultScreen';
import { RecoverScreen } from './components/auth/RecoverScreen';
import { RecoveryKeyScreen } from './components/auth/RecoveryKeyScreen';
import { SignInScreen } from './components/auth/SignInScreen';
import { AppShell } from './components/shell/AppShell';
import { LoadingScreen } from './components/shell/LoadingScreen';
import { StartupError } from './components/shell/StartupError';
import { ToastHost } from './components/shell/ToastHost';
import { ClientContext } from './hooks/useClient';
import { SessionContext, type SessionControls } from './hooks/useSession';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup' }
  | { kind: 'recovery-key'; recoveryKey: string; session: SessionInfo }
  | { kind: 'signin'; notice: string | null; user: string | null }
  | { kind: 'recover' }
  | { kind: 'app'; session: SessionInfo };

const ENDED: Record<Topics['session.ended']['reason'], string> = {
  idle: 'You were signed out after a period of inactivity and the vault was locked.',
  // The lock button's reply and the push event both land here, in either order: one text for both.
  locked: 'The vault is locked: the key is gone from memory. Sign in to unlock it.',
  logout: 'You have signed out.',
  // An administrator's change: say which, so nobody takes it for a fault or a typo.
  disabled: 'An administrator disabled your account and you were signed out. You cannot sign in again unless an administrator enables it.',
  role_changed: 'An administrator changed your role, so you were signed out. Sign in again to continue with the new role.',
  passphrase_reset: 'An administrator reset your passphrase and you were signed out. Sign in with the passphrase they give you; you will then choose your own.',
};

/** Decides which screen is up: first run, sign-in, recovery, or the signed-in console. */
export function App({ client }: { client: FirebreakClient }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [adminUser, setAdminUser] = useState<string | null>(null);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const toSignIn = useCallback((notice: string | null, user: string | null = null) => {
    setPhase({ kind: 'signin', notice, user });
  }, []);
  // A session that ended on its own (idle, locked elsewhere) hands its user name to the sign-in form.
  const sessionUser = (): string | null => (phaseRef.current.kind === 'app' ? phaseRef.current.session.user : null);

  // Any call that finds the session gone (idle timeout, lock from another window) ends the console.
  const guarded = useMemo<FirebreakClient>(
    () => ({
      subscribe: (topic, cb) => client.subscribe(topic, cb),
      call: async (method, input) => {
        const result = await client.call(method, input);
        if (!result.ok && phaseRef.current.kind === 'app' && (result.error.code === 'UNAUTHENTICATED' || result.error.code === 'LOCKED')) {
          toSignIn('Your session has ended. Sign in again to continue.', sessionUser());
        }
        // The passphrase must be changed first (an administrator set it): show the screen for that.
        const current = phaseRef.current;
        if (!result.ok && current.kind === 'app' && result.error.code === 'PASSPHRASE_CHANGE_REQUIRED' && !current.session.mustChangePassphrase) {
          setPhase({ kind: 'app', session: { ...current.session, mustChangePassphrase: true } });
        }
        return result;
      },
    }),
    [client, toSignIn],
  );

  const start = useCallback(async () => {
    const status = await client.call('vault.status', {});
    if (!status.ok) {
      setPhase({ kind: 'failed', message: status.error.message });
      return;
    }
    setAdminUser(status.value.adminUser);
    if (!status.value.initialized) {
      setPhase({ kind: 'setup' });
      return;
    }
    const session = await client.call('auth.session', {});
    if (session.ok && session.value !== null) setPhase({ kind: 'app', session: session.value });
    else toSignIn(null);
  }, [client, toSignIn]);

  useEffect(() => {
    void start();
  }, [start]);

  // Subscribed for the page's life: the push may arrive after a failed call already showed the
  // sign-in screen, and then its reason (idle, locked) is the better message.
  useEffect(
    () =>
      client.subscribe('session.ended', ({ reason }) => {
        const current = phaseRef.current;
        if (current.kind === 'app') toSignIn(ENDED[reason] ?? ENDED.locked, current.session.user);
        else if (current.kind === 'signin') toSignIn(ENDED[reason] ?? ENDED.locked, current.user);
      }),
    [client, toSignIn],
  );

  const controls = useMemo<SessionControls | null>(() => {
    if (phase.kind !== 'app') return null;
    return {
      session: phase.session,
      refresh: async () => {
        const result = await client.call('auth.session', {});
        if (result.ok && result.value !== null) setPhase({ kind: 'app', session: result.value });
      },
      signOut: async () => {
        const user = phase.session.user;
        await client.call('auth.logout', {});
        toSignIn(ENDED.logout, user);
      },
      lock: async () => {
        const user = phase.session.user;
        await client.call('vault.lock', {});
        toSignIn(ENDED.locked, user);
      },
    };
  }, [client, phase, toSignIn]);

  let screen;
  switch (phase.kind) {
    case 'loading':
      screen = <LoadingScreen />;
      break;
    case 'failed':
      screen = <StartupError message={phase.message} onRetry={() => void start()} />;
      break;
    case 'setup':
      screen = (
        <CreateVaultScreen onCreated={(recoveryKey, session) => setPhase({ kind: 'recovery-key', recoveryKey, session })} />
      );
      break;
    case 'recovery-key':
      screen = <RecoveryKeyScreen recoveryKey={phase.recoveryKey} onDone={() => setPhase({ kind: 'app', session: phase.session })} />;
      break;
    case 'signin':
      screen = (
        <SignInScreen
          notice={phase.notice}
          defaultUser={phase.user ?? localStorage.getItem('firebreak.lastUser') ?? adminUser ?? ''}
          onSignedIn={(session) => setPhase({ kind: 'app', session })}
          onRecover={() => setPhase({ kind: 'recover' })}
        />
      );
      break;
    case 'recover':
      screen = (
        <RecoverScreen
          onDone={(user) => toSignIn(`The passphrase of ${user} was reset. Sign in with the new passphrase.`, user)}
          onCancel={() => toSignIn(null)}
        />
      );
      break;
    case 'app':
      screen = phase.session.mustChangePassphrase ? (
        <ChoosePassphraseScreen user={phase.session.user} onChanged={() => controls?.refresh() ?? Promise.resolve()} onSignOut={() => controls?.signOut() ?? Promise.resolve()} />
      ) : (
        controls && (
          <SessionContext value={controls}>
            <AppShell />
          </SessionContext>
        )
      );
      break;
  }

  return (
    <ClientContext value={guarded}>
      <ToastHost>{screen}</ToastHost>
    </ClientContext>
  );
}
