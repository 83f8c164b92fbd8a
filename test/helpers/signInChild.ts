import { createBackend, type Backend, type Connection } from '../../main/api';
import { TEST_LOG_N } from './testVault';

/**
 * For child processes the tests kill: opens the backend on `dataDir` and signs in, or exits with
 * one line on stderr (exit 1) so the parent's liveness guard reports why.
 */
export async function signInChild(dataDir: string, user: string, passphrase: string): Promise<{ backend: Backend; conn: Connection }> {
  const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N });
  const conn = backend.newConnection('test');
  const login = await backend.handle(conn, 'auth.login', { user, passphrase });
  if (!login.ok) {
    process.stderr.write(`sign-in failed: ${login.error.code} ${login.error.message}\n`);
    process.exit(1);
  }
  return { backend, conn };
}
