import { createHash } from 'node:crypto';
import type { Role } from '../../contract';
import { createBackend, type Backend, type BackendOptions } from '../../main/api';
import { clientFor, signedIn, type TestClient } from './client';
import { makeTempDataDir, removeTempDataDir } from './tempDataDir';
import { TestClock } from './TestClock';

import { TEST_LOG_N } from './testLogN';

export { TEST_LOG_N };
export const ADMIN = 'admin';
export const ADMIN_PASS = 'Tr0ub4dor&3 horse staple';

/** A strong passphrase of each user's own that never contains the user name. */
export function passphraseFor(user: string): string {
  const p = `Kettle-${createHash('sha256').update(user).digest('base64url').slice(0, 14)}-42!`;
  if (p.toLowerCase().includes(user.toLowerCase())) throw new Error(`pick another test user name than ${user}`);
  return p;
}

export interface TestVaultOptions {
  idleTimeoutMs?: number;
  testOnlyKdfLogN?: number;
  clock?: TestClock;
  dataDir?: string;
  /** Run the backup scheduler in the backend, as the app does (BackendOptions.scheduleBackups). */
  scheduleBackups?: BackendOptions['scheduleBackups'];
  /** The deadline alarms' thresholds until an administrator sets some (BackendOptions.deadlineAlarmHours). */
  deadlineAlarmHours?: BackendOptions['deadlineAlarmHours'];
}

export interface TestVault {
  dataDir: string;
  clock: TestClock;
  backend: Backend;
  /** Signed in as the first administrator (the vault.create session). */
  admin: TestClient;
  recoveryKey: string;
  /** A second backend on the same data directory, e.g. after this one was closed. */
  reopen(): Promise<Backend>;
  signIn(user: string, passphrase?: string, otp?: string): Promise<TestClient>;
  /**
   * Adds a user through the API (as admin) with passphraseFor(name), as their own passphrase
   * (`mustChangePassphrase: false`, as `user add --keep-passphrase`), and signs them in.
   */
  addUser(name: string, role: Role): Promise<TestClient>;
  dispose(): void;
}

/** A real vault in a fresh temporary data directory, created through the API. */
export async function createTestVault(opts: TestVaultOptions = {}): Promise<TestVault> {
  const dataDir = opts.dataDir ?? makeTempDataDir('vault');
  const clock = opts.clock ?? new TestClock();
  const open = () =>
    createBackend({
      dataDir, testOnlyKdfLogN: opts.testOnlyKdfLogN ?? TEST_LOG_N, idleTimeoutMs: opts.idleTimeoutMs ?? 24 * 3600_000, now: clock.now,
      ...(opts.scheduleBackups ? { scheduleBackups: opts.scheduleBackups } : {}),
      ...(opts.deadlineAlarmHours ? { deadlineAlarmHours: opts.deadlineAlarmHours } : {}),
    });
  const backends: Backend[] = [];
  const backend = await open();
  backends.push(backend);
  const admin = clientFor(backend, backend.newConnection('test'));
  const created = await admin.call('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS });
  const vault: TestVault = {
    dataDir,
    clock,
    backend,
    admin,
    recoveryKey: created.recoveryKey,
    reopen: async () => {
      const b = await open();
      backends.push(b);
      return b;
    },
    signIn: (user, passphrase, otp) => signedIn(backend, user, passphrase ?? (user === ADMIN ? ADMIN_PASS : passphraseFor(user)), otp),
    addUser: async (name, role) => {
      await admin.call('users.add', { name, role, passphrase: passphraseFor(name), mustChangePassphrase: false });
      return signedIn(backend, name, passphraseFor(name));
    },
    dispose: () => {
      for (const b of backends) b.close();
      removeTempDataDir(dataDir);
    },
  };
  return vault;
}
