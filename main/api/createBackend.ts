import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CallOptions, ApiFailure, fail, isMethodName, methods, ok, type MethodName, type Result, type SessionRevokeReason, type Topic, type Topics,
} from '../../contract';
import { allows, findUser, SignInAttempts, type UserRecord } from '../auth';
import { evidenceKey } from '../evidence';
import { incidentScrubber, reapplyShredLedger } from '../incidents';
import { lockedFailureRecords, readSiemConfig, SecurityStream, SECURITY_STREAM_FILE, SyslogSender, watchSecurity, writeSiemConfig } from '../monitoring';
import { getAlertSettings, getSyslogSettings } from '../settings';
import { forgetPiiKey } from '../pii';
import { builtinNotifyDir, DEFAULT_ALARM_HOURS } from '../notify';
import { builtinRunbooksDir } from '../runbooks';
import { appendEvent, readHead } from '../timeline';
import { DEFAULT_LOG_N, openVaultDatabase, restrictFileModes, Vault } from '../vault';
import { appScheduleStatus, BackupScheduleHost, daemonScheduleStatus } from './BackupScheduleHost';
import { allHandlers, type Context, type Unlocked } from './handlers';
import { logError } from './logError';
import { Sessions, type Session } from './Sessions';
import { sweepAlarms } from './sweepAlarms';
import type { Backend, BackendOptions, Connection } from './types';

type Listener = (payload: unknown) => void;
const DEFAULT_IDLE_MS = 15 * 60_000;
/** How often sessions are checked against changes other processes made to their users (disable, role, reset). */
const REVOCATION_CHECK_MS = 2_000;

/** What a session that an administrator's change ended is told when it calls. */
const REVOKED: Record<SessionRevokeReason, string> = {
  disabled: 'you were signed out: an administrator disabled this account',
  role_changed: 'you were signed out: an administrator changed your role; sign in again to work with the new one',
  passphrase_reset: 'you were signed out: an administrator reset your passphrase; sign in with the one they give you, then choose your own',
};

/**
 * All a session may do while its user must change a passphrase an administrator set (besides
 * public methods): change it, or sign out.
 */
const WHILE_CHANGE_REQUIRED: ReadonlySet<MethodName> = new Set<MethodName>(['auth.changePassphrase', 'auth.logout']);

/**
 * The backend behind every transport: one validation, one authorization and one audit path.
 * It starts locked; a sign-in unwraps the data key and opens the database, and the database
 * closes (key dropped) when the last session ends.
 */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const dataDir = opts.dataDir;
  if (opts.ensureDataDir !== false) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    restrictFileModes(dataDir);
  }
  const nowMs = opts.now ?? Date.now;
  const runbooksDir = opts.builtinRunbooksDir ?? builtinRunbooksDir();
  const notifyDir = opts.builtinNotifyDir ?? builtinNotifyDir();
  const deadlineAlarmHours = opts.deadlineAlarmHours ?? DEFAULT_ALARM_HOURS;
  const idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  const vault = new Vault(dataDir, opts.testOnlyKdfLogN ?? DEFAULT_LOG_N);
  const sessions = new Sessions(idleTimeoutMs, nowMs);
  const attempts = new SignInAttempts(dataDir, nowMs);
  const handlers = allHandlers(idleTimeoutMs);
  const connections = new Map<string, Connection>();
  const listeners = new Map<string, Map<Topic, Set<Listener>>>();
  let unlocked: Unlocked | null = null;
  /** PRAGMA data_version of the open connection when sessions were last checked against the users (checkRevocations). */
  let seenDataVersion = -1;
  let published = 0;
  let host: BackupScheduleHost | null = null;
  let seenSessions = sessions.version;
  /** A flush of the attempts file found it busy or failed: try again at the next sweep. */
  let lateFlushPending = false;
  const securityStream = new SecurityStream(dataDir, opts.securityStream);
  /** The stream's last write failed (reported once per run of failures, see streamSecurity). */
  let streamFailing = false;
  /** A run of syslog failures not yet recorded in the chain (the vault was locked when it began). */
  let syslogFailure: { error: string } | null = null;
  /**
   * Sends every line of the stream to syslog too, when configured. Its configuration comes from the
   * database at unlock (reloadSiem) and, while locked, from the copy beside it (siem-config.json).
   */
  const syslog = new SyslogSender({
    onFailure: (err) => {
      logError(dataDir, 'syslog output (reported once until it works again)', err);
      syslogFailure = { error: typeof err.code === 'string' ? err.code : 'send failed' };
      recordSyslogFailure();
    },
  });
  syslog.configure(readSiemConfig(dataDir).syslog);

  /** Tells the scheduler host that sessions came or went (or plans changed), so it starts, moves or stops. */
  const sessionsChanged = (plansChanged = false) => {
    if (!host || (!plansChanged && sessions.version === seenSessions)) return;
    seenSessions = sessions.version;
    void host.reconcile(plansChanged);
  };

  const nowIso = () => new Date(nowMs()).toISOString();

  const emit = <T extends Topic>(connId: string, topic: T, payload: Topics[T]) => {
    for (const cb of listeners.get(connId)?.get(topic) ?? []) cb(payload);
  };

  const sessionEnded = (s: Session, reason: Topics['session.ended']['reason']) => {
    for (const c of connections.values()) {
      if (c.sessionId === s.id) {
        c.sessionId = null;
        emit(c.id, 'session.ended', { reason });
      }
    }
  };

  const lock = (reason: Topics['session.ended']['reason'], actor?: string) => {
    const ended = sessions.clear();
    for (const s of ended) sessionEnded(s, reason);
    sessionsChanged();
    if (!unlocked) return;
    try {
      reloadSiem();
      appendEvent(unlocked.db, {
        actor: actor ?? 'system', type: 'vault.locked', ts: nowIso(),
        data: { reason, ...(actor !== undefined ? { sessionsEnded: ended.length } : {}) },
      });
      streamSecurity();
    } finally {
      forgetPiiKey(unlocked.db);
      unlocked.db.close();
      unlocked.dataKey.fill(0);
      unlocked.evidenceKey.fill(0);
      unlocked = null;
    }
  };

  const unlockWith = (dataKey: Buffer): Unlocked => {
    if (unlocked) return unlocked;
    const db = openVaultDatabase(dataDir, dataKey);
    try {
      // Erasures outlive a restore of an older database: the shred ledger is applied at every open.
      // An unreadable ledger keeps the vault locked (the error names the fix), nothing written.
      reapplyShredLedger(db, dataDir, nowIso());
    } catch (err) {
      db.close();
      throw err;
    }
    unlocked = { db, dataKey: Buffer.from(dataKey), evidenceKey: evidenceKey(dataKey) };
    // data_version counts per connection: a new one starts over, so its first check reads the users.
    seenDataVersion = -1;
    // The alert rules see every event appended here from now on, the late failures flushed below included.
    watchSecurity(db, { now: nowIso, onError: (err) => logError(dataDir, 'security alert rules', err) });
    reloadSiem();
    appendEvent(db, { actor: 'system', type: 'vault.unlocked', ts: nowIso(), data: {} });
    flushLate();
    published = readHead(db)?.seq ?? 0;
    recordSyslogFailure();
    return unlocked;
  };

  /**
   * Moves failed sign-ins from the attempts file into the log, marked `recordedLate` with their
   * `pendingId` (see SignInAttempts.flush). A busy file or a failing write leaves them there for
   * the next try: never lost, never twice.
   */
  function flushLate(): void {
    if (!unlocked) return;
    const { db } = unlocked;
    try {
      const flushed = attempts.flush({
        headSeq: () => readHead(db)?.seq ?? 0,
        idsAfter: (seq) =>
          new Set(
            (db.prepare("SELECT json_extract(data, '$.pendingId') AS id FROM events WHERE seq > ? AND json_extract(data, '$.pendingId') IS NOT NULL").all(seq) as { id: string }[])
              .map((r) => r.id),
          ),
        append: (events) =>
          db.transaction(() => {
            for (const e of events) appendEvent(db, { actor: e.actor, type: e.type, ts: e.ts, data: { ...e.data, recordedLate: true, pendingId: e.id } });
          })(),
      });
      if (!flushed) lateFlushPending = true;
    } catch (err) {
      lateFlushPending = true;
      logError(dataDir, 'recording failed sign-ins from the attempts file', err);
    }
  }

  /**
   * Writes the security events committed since the last call to the SIEM stream. A failed write
   * loses nothing (the stream resumes from its cursor at the next call); it is logged, and the first
   * of a run of failures is recorded in the chain (`siem.write_failed`, which the stream carries once
   * it can write again).
   */
  function streamSecurity(): void {
    if (!unlocked) return;
    try {
      securityStream.flush(unlocked.db, (records) => syslog.send(records));
      streamFailing = false;
    } catch (err) {
      logError(dataDir, 'security event stream', err);
      if (streamFailing) return;
      streamFailing = true;
      try {
        const code = (err as NodeJS.ErrnoException).code;
        appendEvent(unlocked.db, { actor: 'system', type: 'siem.write_failed', ts: nowIso(), data: { file: SECURITY_STREAM_FILE, error: typeof code === 'string' ? code : 'write failed' } });
      } catch (appendErr) {
        logError(dataDir, 'recording a security event stream failure', appendErr);
      }
    }
  }

  /**
   * Re-reads the settings the stream's outputs follow (the syslog destination, the failed sign-in
   * thresholds) from the database, hands them to the sender and writes the copy a locked process
   * reads (siem-config.json).
   */
  function reloadSiem(): void {
    if (!unlocked) return;
    try {
      const { source: _source, ...settings } = getSyslogSettings(unlocked.db);
      const alerts = getAlertSettings(unlocked.db);
      syslog.configure(settings);
      writeSiemConfig(dataDir, { syslog: settings, failedSignInsPerUser: alerts.failedSignInsPerUser, failedSignInsOverall: alerts.failedSignInsOverall });
    } catch (err) {
      logError(dataDir, 'security stream settings', err);
    }
  }

  /** Records the first failure of a run of syslog failures in the chain (`siem.syslog_failed`), now or at the next unlock. */
  function recordSyslogFailure(): void {
    if (!unlocked || !syslogFailure) return;
    try {
      const { host, port, transport } = getSyslogSettings(unlocked.db);
      appendEvent(unlocked.db, { actor: 'system', type: 'siem.syslog_failed', ts: nowIso(), data: { host, port, transport, error: syslogFailure.error } });
      syslogFailure = null;
      publishNewEvents();
    } catch (err) {
      logError(dataDir, 'recording a syslog output failure', err);
    }
  }

  /** Tells every signed-in connection about events appended by the last call (and streams the security ones). */
  const publishNewEvents = () => {
    if (!unlocked) return;
    streamSecurity();
    const head = readHead(unlocked.db)?.seq ?? 0;
    if (head <= published) return;
    const rows = unlocked.db
      .prepare('SELECT seq, type, incident_ref AS incidentRef FROM events WHERE seq > ? ORDER BY seq')
      .all(published) as Topics['timeline.appended'][];
    published = head;
    for (const c of connections.values()) {
      if (!c.sessionId) continue;
      for (const r of rows) emit(c.id, 'timeline.appended', r);
    }
  };

  /** Ends idle sessions, logs it, and locks the vault when none is left. */
  const expireIdle = () => {
    const expired = sessions.sweep();
    if (expired.length === 0) return;
    if (unlocked) for (const s of expired) appendEvent(unlocked.db, { actor: s.user, type: 'auth.session_expired', ts: nowIso(), data: { user: s.user } });
    for (const s of expired) sessionEnded(s, 'idle');
    if (sessions.count() === 0) lock('idle');
    sessionsChanged();
  };
  const sweep = setInterval(expireIdle, Math.min(30_000, Math.max(1_000, idleTimeoutMs / 4)));
  sweep.unref();

  /** Ends a session an administrator's change made stale: logged, and its windows are told why. */
  const revoke = (s: Session, reason: SessionRevokeReason, actor: string) => {
    sessions.end(s.id);
    if (unlocked) appendEvent(unlocked.db, { actor, type: 'auth.session_revoked', ts: nowIso(), data: { user: s.user, reason } });
    sessionEnded(s, reason);
  };

  /**
   * The session's user as the database has it now, or why the session must end: the user was
   * disabled (or is gone), or their epoch moved on (a new role, a passphrase reset) since it
   * began, by this process or another on the same data directory (the app, `serve`, the daemon).
   */
  const checkSession = (s: Session): { user: UserRecord } | { revoked: SessionRevokeReason } => {
    const u = unlocked ? findUser(unlocked.db, s.user) : null;
    if (!u || u.status === 'disabled') return { revoked: 'disabled' };
    if (u.sessionEpoch !== s.epoch) return { revoked: u.sessionsRevokedFor ?? 'role_changed' };
    return { user: u };
  };

  /** After sessions ended for revocation: publish the events, lock when none is left, tell the scheduler host. */
  const afterRevocation = (reason: SessionRevokeReason) => {
    publishNewEvents();
    if (sessions.count() === 0) lock(reason);
    sessionsChanged();
  };

  /**
   * Catches revocations made by another process within seconds, without waiting for a call: cheap,
   * since the users are read only when PRAGMA data_version says another connection committed.
   */
  const checkRevocations = () => {
    if (!unlocked || sessions.count() === 0) return;
    try {
      const version = unlocked.db.pragma('data_version', { simple: true }) as number;
      if (version === seenDataVersion) return;
      seenDataVersion = version;
      // Another process may have changed the syslog destination or the thresholds.
      reloadSiem();
      let last: SessionRevokeReason | null = null;
      for (const s of sessions.all()) {
        const check = checkSession(s);
        if ('revoked' in check) {
          revoke(s, check.revoked, 'system');
          last = check.revoked;
        }
      }
      if (last) afterRevocation(last);
    } catch (err) {
      logError(dataDir, 'session revocation check', err);
    }
  };
  /** While the vault is open here, failures other processes leave in the attempts file reach the log within seconds. */
  const checkLateFailures = () => {
    if (!unlocked || (!lateFlushPending && !attempts.changedElsewhere())) return;
    lateFlushPending = false;
    flushLate();
    publishNewEvents();
  };
  const revocationSweep = setInterval(() => {
    checkRevocations();
    checkLateFailures();
  }, REVOCATION_CHECK_MS);
  revocationSweep.unref();

  /** Pushes to every signed-in connection whose role has `permission`, or whose session `to` picks (the scheduler's state, alarms). */
  const broadcast = <T extends Topic>(to: Parameters<typeof allows>[1] | ((s: Session) => boolean), topic: T, payload: Topics[T]) => {
    for (const c of connections.values()) {
      const s = c.transport === 'service' ? undefined : sessions.peek(c.sessionId);
      if (s && (typeof to === 'function' ? to(s) : allows(s.role, to))) emit(c.id, topic, payload);
    }
  };

  /**
   * Notification deadlines and action items raise alarms while the vault is open: every minute,
   * and right after the facts, the thresholds or an action item change (sweepAlarms). The events go
   * in the chain (by `system`); deadline alarms are pushed to notification readers, an action
   * item's to report readers and to its owner.
   */
  const raiseAlarms = () => {
    if (!unlocked) return;
    const raised = sweepAlarms(unlocked.db, { dataDir, notifyDir, now: nowIso(), deadlineAlarmHours });
    if (raised.deadlines.length + raised.actions.length + raised.planReviews.length === 0) return;
    publishNewEvents();
    for (const alarm of raised.deadlines) broadcast('notify:read', 'notify.alarm', alarm);
    for (const alarm of raised.actions) {
      const reads = (s: Session) => allows(s.role, 'report:read') || s.user === alarm.owner;
      // The title is free text: a name typed there is masked for a role without pii:read, as in actions.list.
      const masked = { ...alarm, title: incidentScrubber(unlocked.db, alarm.ref).scrub(alarm.title) };
      broadcast((s) => reads(s) && allows(s.role, 'pii:read'), 'action.alarm', alarm);
      broadcast((s) => reads(s) && !allows(s.role, 'pii:read'), 'action.alarm', masked);
    }
  };
  const alarmSweep = setInterval(raiseAlarms, 60_000);
  alarmSweep.unref();

  const contextFor = (conn: Connection, session: Session | null): Context => ({
    conn,
    session,
    dataDir,
    builtinRunbooksDir: runbooksDir,
    notifyDir,
    deadlineAlarmHours,
    vault,
    sessions,
    attempts,
    nowMs,
    nowIso,
    isOpen: () => unlocked !== null,
    open: () => {
      if (!unlocked) throw new ApiFailure('LOCKED', 'the vault is locked: sign in first');
      return unlocked;
    },
    unlockWith,
    lock: (reason, actor) => lock(reason, actor),
    flushLate,
    siem: { syslogStatus: () => syslog.status(), reload: reloadSiem },
    streamLockedFailure: async (failure) => {
      try {
        const config = readSiemConfig(dataDir);
        syslog.configure(config.syslog);
        const [record] = lockedFailureRecords({ ...failure, knownUser: vault.hasUserSlot(failure.event.actor), waiting: [] }, config);
        if (!record || !(await securityStream.appendLocked([record]))) return false;
        syslog.send([record]);
        return true;
      } catch (err) {
        // Not streamed now: the log event reaches the stream at the next unlock, as before.
        logError(dataDir, 'security event stream at a locked vault', err);
        return false;
      }
    },
    streamLockedThresholds: async (failure, waiting) => {
      try {
        const config = readSiemConfig(dataDir);
        const crossed = lockedFailureRecords({ ...failure, knownUser: vault.hasUserSlot(failure.event.actor), waiting }, config).slice(1);
        if (crossed.length > 0 && (await securityStream.appendLocked(crossed))) syslog.send(crossed);
      } catch (err) {
        logError(dataDir, 'security event stream at a locked vault', err);
      }
    },
    backupSchedule: () =>
      host?.status() ?? daemonScheduleStatus(dataDir) ?? appScheduleStatus(dataDir) ?? { runner: null, note: 'this process runs no scheduler: open the app, or run `firebreak daemon`', plans: [] },
    notify: (topic, payload) => emit(conn.id, topic, payload),
    bindSession: (s) => {
      // Signing in again on this connection: the session it had ends now, logged, instead of
      // lingering (unreachable, yet keeping the vault open) until its idle timeout (issue 13 §10).
      const previous = conn.sessionId !== null && conn.sessionId !== s.id ? sessions.end(conn.sessionId) : undefined;
      conn.sessionId = s.id;
      if (!previous) return;
      if (unlocked) appendEvent(unlocked.db, { actor: previous.user, type: 'auth.logout', ts: nowIso(), data: { user: previous.user, reason: 'signed-in-again', as: s.user } });
      sessionEnded(previous, 'logout');
    },
    endSession: (reason) => {
      const s = sessions.end(conn.sessionId);
      conn.sessionId = null;
      if (s && unlocked) appendEvent(unlocked.db, { actor: s.user, type: 'auth.logout', ts: nowIso(), data: { user: s.user } });
      if (s) sessionEnded(s, reason);
      if (sessions.count() === 0) lock(reason);
    },
    revokeSessions: (user, reason) => {
      const keep = session && session.user === user.name ? session.id : null;
      const ended = sessions.endUser(user.name, keep);
      for (const s of ended) {
        if (unlocked) appendEvent(unlocked.db, { actor: session?.user ?? 'system', type: 'auth.session_revoked', ts: nowIso(), data: { user: s.user, reason } });
        sessionEnded(s, reason);
      }
      if (keep) sessions.follow(keep, user.role, user.sessionEpoch);
      return ended.length;
    },
  });

  const handle = async (conn: Connection, method: string, input: unknown, opts: CallOptions = {}): Promise<Result<unknown>> => {
    if (!isMethodName(method)) return fail('UNKNOWN_METHOD', `no API method named ${JSON.stringify(String(method)).slice(0, 80)}`);
    const spec = methods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      return fail('VALIDATION', `invalid input for ${method}: ${issues[0]}`, { issues });
    }
    // A machine waking from sleep may call before the timer fires: expire first, then look up.
    expireIdle();
    // The scheduler's calls act for a user without keeping their session from going idle, and so do
    // a window's background calls (refetches after push events, timers): only what the user does
    // keeps a session alive (issue 13 §7).
    const passive = conn.transport === 'service' || opts.background === true;
    let session = (passive ? sessions.peek(conn.sessionId) : sessions.touch(conn.sessionId)) ?? null;
    if (!session && conn.sessionId) conn.sessionId = null;
    const check = session && unlocked ? checkSession(session) : null;
    if (session && check && 'revoked' in check) {
      revoke(session, check.revoked, 'system');
      afterRevocation(check.revoked);
      session = null;
      if (spec.access !== 'public') return fail('UNAUTHENTICATED', REVOKED[check.revoked]);
    }
    if (spec.access !== 'public') {
      if (!vault.exists()) return fail('NOT_INITIALIZED', 'there is no vault in this data directory yet');
      if (!session || !unlocked) return fail('UNAUTHENTICATED', 'sign in first (no session, or it ended)');
      if (check && 'user' in check && check.user.mustChangePassphrase && !WHILE_CHANGE_REQUIRED.has(method)) {
        return fail(
          'PASSPHRASE_CHANGE_REQUIRED',
          `${session.user} must choose a new passphrase first: an administrator set the current one. Until it is changed, only changing it and signing out are possible`,
        );
      }
      if (!allows(session.role, spec.access)) {
        appendEvent(unlocked.db, { actor: session.user, type: 'auth.denied', ts: nowIso(), data: { method, needs: spec.access, role: session.role } });
        publishNewEvents();
        return fail('FORBIDDEN', `the ${session.role} role may not call ${method} (needs ${spec.access})`);
      }
    } else if (!unlocked) {
      session = null;
    }
    try {
      const handler = handlers[method] as (ctx: Context, input: unknown) => unknown;
      const value = await handler(contextFor(conn, session), parsed.data);
      publishNewEvents();
      sessionsChanged(method === 'backups.plans.add' || method === 'backups.plans.remove');
      if (method === 'notify.facts.set' || method === 'incidents.update' || method === 'settings.alarms.set' || method === 'actions.add' || method === 'actions.update' || method === 'actions.reopen') raiseAlarms();
      return ok(value);
    } catch (err) {
      publishNewEvents();
      sessionsChanged();
      if (err instanceof ApiFailure) return { ok: false, error: { code: err.code, message: err.message, ...err.extra } };
      const code = (err as { code?: string }).code;
      if (code === 'ENOSPC') return fail('STORAGE', 'the disk is full: nothing was saved; free space and try again');
      if (typeof code === 'string' && code.startsWith('SQLITE_FULL')) return fail('STORAGE', 'the disk is full: nothing was saved; free space and try again');
      logError(dataDir, method, err);
      return fail('INTERNAL', `unexpected error in ${method}; details are in ${join(dataDir, 'logs', 'firebreak.log')}`);
    }
  };

  const backend: Backend = {
    dataDir,
    handle,
    newConnection(transport) {
      const conn: Connection = { id: randomUUID(), transport, sessionId: null };
      connections.set(conn.id, conn);
      return conn;
    },
    closeConnection(conn) {
      if (conn.sessionId) contextFor(conn, null).endSession('logout');
      connections.delete(conn.id);
      listeners.delete(conn.id);
    },
    subscribe(conn, topic, cb) {
      const byTopic = listeners.get(conn.id) ?? new Map<Topic, Set<Listener>>();
      listeners.set(conn.id, byTopic);
      const set = byTopic.get(topic) ?? new Set<Listener>();
      byTopic.set(topic, set);
      const listener = cb as Listener;
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      clearInterval(sweep);
      clearInterval(alarmSweep);
      clearInterval(revocationSweep);
      host?.close();
      host = null;
      lock('locked');
      // What is queued for syslog gets a moment to go out (a CLI run exits next).
      void syslog.close();
    },
    recordEvent(conn, type, data) {
      const session = sessions.touch(conn.sessionId);
      if (!session || !unlocked) return false;
      const check = checkSession(session);
      if ('revoked' in check) {
        revoke(session, check.revoked, 'system');
        afterRevocation(check.revoked);
        return false;
      }
      appendEvent(unlocked.db, { actor: session.user, type, ts: nowIso(), data });
      publishNewEvents();
      return true;
    },
  };

  if (opts.scheduleBackups) {
    const mayRun = (s: Session) => allows(s.role, 'backup:run') && allows(s.role, 'backup:read');
    host = new BackupScheduleHost({
      dataDir,
      backend,
      connection: backend.newConnection('service'),
      pickSession: () => sessions.list().find(mayRun) ?? null,
      sessionAlive: (id) => {
        const s = sessions.peek(id);
        return s !== undefined && mayRun(s);
      },
      broadcast: (topic, payload) => broadcast('backup:read', topic, payload),
      ...(typeof opts.scheduleBackups === 'object' ? opts.scheduleBackups : {}),
    });
    void host.reconcile();
  }
  return backend;
}
