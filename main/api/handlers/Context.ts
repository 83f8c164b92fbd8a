import type { BackupScheduleStatus, SyslogStatus, MethodName, MethodOutput, ParsedInput, Role, SessionRevokeReason, Topic, Topics } from '../../../contract';
import type { Db, Vault } from '../../vault';
import type { SignInAttempts } from '../../auth';
import type { Connection } from '../types';
import type { Session, Sessions } from '../Sessions';

/** What a handler may touch. `open()` returns the unlocked store or fails with LOCKED. */
export interface Context {
  conn: Connection;
  session: Session | null;
  dataDir: string;
  /** The shipped runbooks folder (the organisation's own are in <dataDir>/runbooks). */
  builtinRunbooksDir: string;
  /** The shipped breach-notification rules (regimes/ and holidays/). */
  notifyDir: string;
  /** The deadline alarms' thresholds until an administrator sets some (BackendOptions.deadlineAlarmHours, else 24 h and 4 h). */
  deadlineAlarmHours: readonly number[];
  vault: Vault;
  sessions: Sessions;
  /** Sign-in backoff and failures waiting for the log, shared with every process on the data directory. */
  attempts: SignInAttempts;
  nowMs: () => number;
  nowIso: () => string;
  isOpen(): boolean;
  open(): Unlocked;
  /** Opens the database with a data key that a slot just gave up (first sign-in, recovery). */
  unlockWith(dataKey: Buffer): Unlocked;
  /** Ends every session and closes the database; `actor` is the user who asked (vault.lock), else the log says `system`. */
  lock(reason: 'idle' | 'locked' | 'logout', actor?: string): void;
  /**
   * Appends the failed sign-ins that processes unable to write the log (locked ones: a CLI run,
   * another window before sign-in) left in the attempts file. Also done at every unlock and,
   * while the vault is open, within seconds of another process recording one.
   */
  flushLate(): void;
  /** Security event stream outputs of this process: the syslog sender's state, and re-reading the settings they follow (after a change). */
  siem: { syslogStatus(): SyslogStatus; reload(): void };
  /**
   * A failed sign-in while the vault is locked here: written to the security stream at once (JSON
   * lines and syslog) with the failed sign-in rules' threshold crossings. Returns whether the JSON
   * line was written, i.e. whether the log event must be kept out of the stream at the next unlock.
   */
  streamLockedFailure(failure: { event: { actor: string; type: string; ts: string; data: Record<string, unknown> }; pendingId: string }): Promise<boolean>;
  /** The threshold records for a locked-time failure, once the attempts file says what else waits (see streamLockedFailure). */
  streamLockedThresholds(failure: { event: { actor: string; type: string; ts: string; data: Record<string, unknown> }; pendingId: string }, waiting: readonly { user: string; ts: string }[]): Promise<void>;
  /** Binds a new session to this connection; a session it held before ends (signing in again must not leave the first one open). */
  bindSession(session: Session): void;
  /** Pushes to this connection only (progress of the work it asked for). */
  notify<T extends Topic>(topic: T, payload: Topics[T]): void;
  /** Who runs the backup schedules (this process's scheduler, or a daemon) and their state. */
  backupSchedule(): BackupScheduleStatus;
  /** Ends the session bound to this connection. */
  endSession(reason: 'logout'): void;
  /**
   * After an administrator's change to `user` (disabled, new role, passphrase reset), ends that
   * user's sessions in this process at once: each is logged (`auth.session_revoked`) and its
   * windows get `session.ended` with the reason. The caller's own session, when it is that user's
   * (changing your own role), stays and takes the new role and epoch. Sessions in other processes
   * on the same data directory end within seconds, or at their next call (createBackend).
   * Returns how many ended.
   */
  revokeSessions(user: { name: string; role: Role; sessionEpoch: number }, reason: SessionRevokeReason): number;
}

export interface Unlocked {
  db: Db;
  dataKey: Buffer;
  evidenceKey: Buffer;
}

export type Handler<M extends MethodName> = (ctx: Context, input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

/** The signed-in user; handlers for non-public methods are only called with one. */
export function actorOf(ctx: Context): Session {
  if (!ctx.session) throw new Error('handler for a signed-in method called without a session');
  return ctx.session;
}
