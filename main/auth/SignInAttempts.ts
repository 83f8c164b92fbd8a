import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../contract';
import { processAlive, readLockHolder, tryCreateLockFile } from '../store';

/**
 * The one file a failed sign-in writes: the backoff counters and the failures waiting to enter the
 * log. It lives beside the database (which, like the key slots, a wrong passphrase must never
 * change) so that every process on the data directory (the app, `serve`, each CLI run) shares one
 * backoff, and no failure is lost when a process that could not write the log exits.
 */
export const ATTEMPTS_FILE = 'sign-in-attempts.json';
const LOCK_FILE = 'sign-in-attempts.lock';
const FORMAT = 'firebreak-sign-in-attempts';

/** Tries before the first wait, the first wait (doubling from there) and its cap. */
const FREE_TRIES = 3;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/** A name's count is forgotten after a day without a failure, so an old typo does not slow sign-in for ever. */
const FORGET_AFTER_MS = 24 * 3600_000;
/** Bounds on the file, whatever an attacker sends: counters (one per name tried) and records waiting for the log. */
const LIMITS = { maxCounters: 1_000, maxPending: 1_000 };
/** How long a call waits for another process's (millisecond-long) turn at the file before giving up. */
const LOCK_WAIT_MS = 10_000;

/** An event for the log, written here while no process could write the log. */
export interface PendingEvent {
  /** Unique; carried into the log as `pendingId`, so an interrupted hand-over never appends one twice. */
  id: string;
  actor: string;
  type: string;
  ts: string;
  data: Record<string, unknown>;
}

interface Counter {
  count: number;
  /** Epoch ms of the last attempt or failure. */
  lastAt: number;
  /** No attempt before this (epoch ms). */
  until: number;
}

interface AttemptsState {
  counters: Record<string, Counter>;
  pending: PendingEvent[];
  /** Records not kept because maxPending were already waiting: entered in the log as one event with this count. */
  dropped: number;
  /** A hand-over to the log that was started; if its process died, the next one completes it without duplicates. */
  flushing: { afterSeq: number; events: PendingEvent[] } | null;
}

/** One reserved try (see reserve). */
export interface AttemptTicket {
  readonly key: string;
  /** The how-many-th try in a row for this name, as the log records it. */
  readonly attempt: number;
  readonly prevUntil: number;
}

/** What flush needs from the log (kept abstract so this file stays free of the timeline). */
export interface PendingSink {
  headSeq(): number;
  /** `pendingId`s of events appended after `seq`. */
  idsAfter(seq: number): Set<string>;
  /** Appends the events in one transaction. */
  append(events: PendingEvent[]): void;
}

const delayFor = (count: number): number => (count < FREE_TRIES ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (count - FREE_TRIES)));

const emptyState = (): AttemptsState => ({ counters: Object.create(null) as Record<string, Counter>, pending: [], dropped: 0, flushing: null });

/**
 * Backoff after failed sign-ins, per user name (and `#recovery` for the recovery key), shared by
 * every process on the data directory through ATTEMPTS_FILE.
 *
 * A try is *reserved* before the slow key derivation and counts as a failure until it succeeds:
 * parallel requests therefore cannot all pass the check before any failure is counted (issue 13
 * §3). A try that turns out not to be one (the TOTP code was still to come, a storage error) is
 * released again.
 *
 * Every read-modify-write of the file happens under an O_EXCL lock file and synchronously, so calls
 * in one process never interleave and calls in several processes take turns. The file is replaced
 * by rename (never torn) but not fsynced: a power cut may forget the last attempts, no more.
 */
export class SignInAttempts {
  private readonly file: string;
  private readonly lock: string;
  private seen = '';

  private readonly limits: typeof LIMITS;

  constructor(
    dataDir: string,
    private readonly now: () => number,
    limits: Partial<typeof LIMITS> = {},
  ) {
    this.limits = { ...LIMITS, ...limits };
    this.file = join(dataDir, ATTEMPTS_FILE);
    this.lock = join(dataDir, LOCK_FILE);
  }

  /**
   * Reserves one try for `key` before its credential is checked, or refuses with RATE_LIMITED
   * naming the wait (also when the wait comes from tries still being checked).
   */
  reserve(key: string): Promise<AttemptTicket> {
    return this.withFile((state, now) => {
      const stored = state.counters[key];
      const c = stored && !(stored.until <= now && now - stored.lastAt > FORGET_AFTER_MS) ? stored : undefined;
      const wait = c ? Math.min(c.until - now, MAX_DELAY_MS) : 0;
      if (wait > 0) {
        throw new ApiFailure('RATE_LIMITED', `too many failed attempts; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait });
      }
      const count = (c?.count ?? 0) + 1;
      state.counters[key] = { count, lastAt: now, until: now + delayFor(count) };
      pruneCounters(state, now, this.limits.maxCounters);
      return { value: { key, attempt: count, prevUntil: c?.until ?? 0 }, changed: true };
    });
  }

  /**
   * The reserved try failed: it stays counted and its wait runs from now. `late` is the failure's
   * log event when this process cannot write the log (locked): kept here until one can (with the
   * given id, else a new one). Returns the failed sign-ins waiting here for the log, this one
   * included (at most maxPending): what the locked-time stream counts against the thresholds.
   */
  fail(ticket: AttemptTicket, late: (Omit<PendingEvent, 'id'> & { id?: string }) | null): Promise<{ user: string; ts: string }[]> {
    return this.withFile((state, now) => {
      const c = state.counters[ticket.key];
      // A success in between (another window) cleared the count: this failure starts a new one.
      if (!c) state.counters[ticket.key] = { count: 1, lastAt: now, until: now + delayFor(1) };
      else {
        c.lastAt = now;
        c.until = Math.max(c.until, now + delayFor(c.count));
      }
      if (late) addPending(state, { ...late, id: late.id ?? randomUUID() }, this.limits.maxPending);
      const waiting = state.pending.filter((e) => e.type === 'auth.login_failed').map((e) => ({ user: e.actor, ts: e.ts }));
      return { value: waiting, changed: true };
    });
  }

  /** The reserved try succeeded: the name's count starts over. */
  succeed(ticket: AttemptTicket): Promise<void> {
    return this.withFile((state) => {
      if (!(ticket.key in state.counters)) return { value: undefined, changed: false };
      delete state.counters[ticket.key];
      return { value: undefined, changed: true };
    });
  }

  /** The reserved try was no try after all (the second factor is still to come, or the check could not run): uncounted. */
  release(ticket: AttemptTicket): Promise<void> {
    return this.withFile((state) => {
      const c = state.counters[ticket.key];
      if (!c) return { value: undefined, changed: false };
      // Undo the wait it set, unless a later reservation has set its own since.
      if (c.count === ticket.attempt) c.until = ticket.prevUntil;
      c.count -= 1;
      if (c.count <= 0) delete state.counters[ticket.key];
      return { value: undefined, changed: true };
    });
  }

  /** Whether the file changed since this process last read or wrote it (cheap: one stat), e.g. another process recorded a failure. */
  changedElsewhere(): boolean {
    return this.signature() !== this.seen;
  }

  /**
   * Hands the records waiting in the file to the log, exactly once across processes: the batch is
   * marked in the file first and removed after the append, and a batch whose process died is
   * completed by the next flush without the events it already appended. Synchronous: false when
   * another process holds the file right now (the caller tries again later).
   */
  flush(sink: PendingSink): boolean {
    return this.tryWithFileSync((state, now) => {
      if (state.flushing) {
        const done = sink.idsAfter(state.flushing.afterSeq);
        sink.append(state.flushing.events.filter((e) => !done.has(e.id)));
        state.flushing = null;
        this.write(state);
      }
      if (state.pending.length === 0 && state.dropped === 0) return { value: undefined, changed: false };
      const events = state.pending;
      if (state.dropped > 0) {
        events.push({
          id: randomUUID(), actor: 'system', type: 'auth.login_failed_uncounted', ts: new Date(now).toISOString(),
          data: { count: state.dropped, why: `more than ${this.limits.maxPending} failed sign-ins waited for the log; these were counted but not itemized` },
        });
      }
      state.flushing = { afterSeq: sink.headSeq(), events };
      state.pending = [];
      state.dropped = 0;
      this.write(state);
      sink.append(events);
      state.flushing = null;
      return { value: undefined, changed: true };
    }) !== null;
  }

  private signature(): string {
    try {
      const st = statSync(this.file);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return '';
    }
  }

  private read(now: number): AttemptsState {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw err;
    }
    const state = parseState(text);
    if (state) return state;
    // Damaged (a disk error, a hand edit): keep it for inspection, start afresh, and say so in the log.
    const aside = `${this.file}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.file, aside);
    const fresh = emptyState();
    addPending(fresh, {
      id: randomUUID(), actor: 'system', type: 'auth.attempts_reset', ts: new Date(now).toISOString(),
      data: { why: `${ATTEMPTS_FILE} could not be read; it was moved aside and the sign-in backoff started over`, movedTo: aside },
    }, this.limits.maxPending);
    return fresh;
  }

  private write(state: AttemptsState): void {
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ format: FORMAT, version: 1, ...state })}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, this.file);
  }

  /** Runs `fn` on the file's state under the lock, waiting for other processes' turns (never for this process's: its turns are synchronous). */
  private async withFile<T>(fn: (state: AttemptsState, now: number) => { value: T; changed: boolean }): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const done = this.tryWithFileSync(fn);
      if (done) return done.value;
      if (Date.now() > deadline) {
        const holder = readLockHolder(this.lock);
        throw new ApiFailure(
          'STORAGE',
          `sign-in is blocked: ${this.lock} has been held for over ${LOCK_WAIT_MS / 1000} s by process ${holder?.pid ?? '?'}; ` +
            'if no Firebreak process is running on this data directory, delete that file',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20)));
    }
  }

  private tryWithFileSync<T>(fn: (state: AttemptsState, now: number) => { value: T; changed: boolean }): { value: T } | null {
    if (!tryCreateLockFile(this.lock)) {
      const holder = readLockHolder(this.lock);
      // The holder died inside its few-millisecond turn (this process never holds it across an await,
      // so a lock naming this pid is a dead predecessor's): take it over.
      if (holder && (holder.pid === process.pid || !processAlive(holder.pid))) {
        try {
          unlinkSync(this.lock);
        } catch {
          // Another process took it over first.
        }
      }
      if (!tryCreateLockFile(this.lock)) return null;
    }
    try {
      const now = this.now();
      const state = this.read(now);
      const { value, changed } = fn(state, now);
      if (changed) this.write(state);
      this.seen = this.signature();
      return { value };
    } finally {
      unlinkSync(this.lock);
    }
  }
}

function addPending(state: AttemptsState, event: PendingEvent, maxPending: number): void {
  if (state.pending.length >= maxPending) state.dropped += 1;
  else state.pending.push(event);
}

/** Forgets stale counts, then the oldest ones whose wait is over, so the file stays small whatever names are tried. */
function pruneCounters(state: AttemptsState, now: number, maxCounters: number): void {
  for (const [key, c] of Object.entries(state.counters)) {
    if (c.until <= now && now - c.lastAt > FORGET_AFTER_MS) delete state.counters[key];
  }
  const entries = Object.entries(state.counters);
  if (entries.length <= maxCounters) return;
  entries.sort(([, a], [, b]) => Number(a.until > now) - Number(b.until > now) || a.lastAt - b.lastAt);
  for (const [key] of entries.slice(0, entries.length - maxCounters)) delete state.counters[key];
}

function parseState(text: string): AttemptsState | null {
  try {
    const raw = JSON.parse(text) as Partial<AttemptsState> & { format?: unknown; version?: unknown };
    if (raw.format !== FORMAT || raw.version !== 1 || typeof raw.counters !== 'object' || raw.counters === null || !Array.isArray(raw.pending)) return null;
    const counters = Object.create(null) as Record<string, Counter>;
    for (const [key, c] of Object.entries(raw.counters)) {
      if (typeof c?.count !== 'number' || typeof c.lastAt !== 'number' || typeof c.until !== 'number') return null;
      counters[key] = { count: c.count, lastAt: c.lastAt, until: c.until };
    }
    return {
      counters,
      pending: raw.pending,
      dropped: typeof raw.dropped === 'number' ? raw.dropped : 0,
      flushing: raw.flushing && Array.isArray(raw.flushing.events) ? raw.flushing : null,
    };
  } catch {
    return null;
  }
}
