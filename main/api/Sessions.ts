import { randomBytes } from 'node:crypto';
import type { Role } from '../../contract';

export interface Session {
  id: string;
  user: string;
  role: Role;
  /** The user's session epoch at sign-in (UserRecord.sessionEpoch): a higher one in the database ends this session. */
  epoch: number;
  lastSeen: number;
  /**
   * The user's own key, from the slot their passphrase opened (main/auth userKeys): two-factor
   * enrolment seals the secret with it. In memory only; zeroed when the session ends.
   */
  userKey: Buffer | null;
}

/** Wipes the keys of sessions that ended. */
const forget = (ended: Session[]): Session[] => {
  for (const s of ended) s.userKey?.fill(0);
  return ended;
};

/** Signed-in sessions, in memory only: restarting the process signs everybody out. */
export class Sessions {
  private readonly byId = new Map<string, Session>();
  /** Counts every start, end and role change, so watchers can tell the set of sessions changed. */
  version = 0;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => number,
  ) {}

  start(user: string, role: Role, epoch: number, userKey: Buffer | null): Session {
    const s = { id: randomBytes(24).toString('base64url'), user, role, epoch, lastSeen: this.now(), userKey };
    this.byId.set(s.id, s);
    this.version++;
    return s;
  }

  /**
   * The live session, touched; undefined if unknown or idle too long. An expired session is left
   * for `sweep()` to end, so its expiry is always logged and the vault always locks.
   */
  touch(id: string | null): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s || this.now() - s.lastSeen > this.idleTimeoutMs) return undefined;
    s.lastSeen = this.now();
    return s;
  }

  /** The live session without touching it: a service acting for its user must not keep it from going idle. */
  peek(id: string | null): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    return s && this.now() - s.lastSeen <= this.idleTimeoutMs ? s : undefined;
  }

  /** Live sessions, longest signed in first. */
  list(): Session[] {
    return [...this.byId.values()].filter((s) => this.now() - s.lastSeen <= this.idleTimeoutMs);
  }

  end(id: string | null): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (this.byId.delete(id)) this.version++;
    if (s) forget([s]);
    return s;
  }

  /** Ends idle sessions and returns them (for the audit log and push events). */
  sweep(): Session[] {
    const expired = [...this.byId.values()].filter((s) => this.now() - s.lastSeen > this.idleTimeoutMs);
    for (const s of expired) this.byId.delete(s.id);
    if (expired.length > 0) this.version++;
    return forget(expired);
  }

  /** Ends every session of `user` except `keep` (the caller's own) and returns them. */
  endUser(user: string, keep: string | null): Session[] {
    const ended = [...this.byId.values()].filter((s) => s.user === user && s.id !== keep);
    for (const s of ended) this.byId.delete(s.id);
    if (ended.length > 0) this.version++;
    return forget(ended);
  }

  /** Brings a session that stays up to its user's new role and epoch (the caller's own, after changing its role). */
  follow(id: string, role: Role, epoch: number): void {
    const s = this.byId.get(id);
    if (!s) return;
    s.role = role;
    s.epoch = epoch;
    this.version++;
  }

  /** Every session, idle or not (for checking them against the database). */
  all(): Session[] {
    return [...this.byId.values()];
  }

  count(): number {
    return this.byId.size;
  }

  clear(): Session[] {
    const all = [...this.byId.values()];
    this.byId.clear();
    if (all.length > 0) this.version++;
    return forget(all);
  }
}
