import type { CallOptions, Result, Topic, Topics } from '../../contract';
import type { SchedulerTimers } from '../backups';

/**
 * One caller's link to the backend: a renderer window, a browser tab's cookie, a CLI run.
 * The transport owns it; the router binds a signed-in session to it, so session tokens
 * never travel to the page.
 */
export interface Connection {
  readonly id: string;
  /** `service`: in-process work for a signed-in user (the app's backup scheduler); its calls do not keep the session alive. */
  readonly transport: 'ipc' | 'http' | 'cli' | 'test' | 'service';
  sessionId: string | null;
}

export interface BackendOptions {
  /** Holds firebreak.db, vault.json, evidence/, logs/. Created if missing. */
  dataDir: string;
  /**
   * scrypt log2(N) for new key slots, for tests only: without it every slot uses 17 (ARCHITECTURE.md
   * §3). Lint refuses the name in main/ outside createBackend and the CLI's main(), which receives
   * it only from the tests' own CLI entry (test/helpers/cli/testCli.ts); no option, variable or file
   * of a production entry point can set it. A slot records its parameters, so a test vault opens anywhere.
   */
  testOnlyKdfLogN?: number;
  /** Session idle timeout; the vault locks when the last session ends. Default 15 minutes. */
  idleTimeoutMs?: number;
  /** The built-in runbooks folder; default: runbooks/ next to package.json (see builtinRunbooksDir). */
  builtinRunbooksDir?: string;
  /** The notification rules folder (regimes/, holidays/); default: main/notify next to package.json. */
  builtinNotifyDir?: string;
  /**
   * Create dataDir when missing (default). The CLI passes false for commands that only call
   * public methods which read no data (runbook lint), so linting leaves no empty directory behind.
   */
  ensureDataDir?: boolean;
  /**
   * Run the plans' schedules in this process while someone allowed to run backups is signed in
   * (the desktop app and browser mode; see BackupScheduleHost). An object: tests' clock and timers.
   */
  scheduleBackups?: boolean | { timers: SchedulerTimers; now: () => Date };
  /** Hours before a notification deadline at which an alarm is raised (and at the deadline), until an administrator sets others (`settings.alarms.set`). Default 24 and 4. */
  deadlineAlarmHours?: readonly number[];
  /** Clock, injectable for TOTP and timeout tests. */
  now?: () => number;
}

export interface Backend {
  readonly dataDir: string;
  /** The single door: validate → authenticate → authorize → handler → Result. */
  handle(conn: Connection, method: string, input: unknown, opts?: CallOptions): Promise<Result<unknown>>;
  /** Push events for this connection's session (masked for its role). */
  subscribe<T extends Topic>(conn: Connection, topic: T, cb: (payload: Topics[T]) => void): () => void;
  newConnection(transport: Connection['transport']): Connection;
  /** Ends a connection (window closed, cookie dropped): signs its session out. */
  closeConnection(conn: Connection): void;
  /** Closes the database and forgets the key. */
  close(): void;
  /**
   * In-process only, no transport exposes it: appends a timeline event in the name of the user
   * signed in on `conn`, for services that act for that user beside the API (the backup
   * scheduler's `backup.retry_scheduled` and `backup.gave_up`). False when no live session.
   * Optional so test doubles need not have it.
   */
  recordEvent?(conn: Connection, type: string, data: Record<string, unknown>): boolean;
}
