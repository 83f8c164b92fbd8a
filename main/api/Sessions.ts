import { randomBytes } from 'node:crypto';
import type { Role } from '../../contract';

export interface Session {
  id: string;
  user: string;
  role: Role;
  lastSeen: number;
}

/** Signed-in sessions, in memory only: restarting the process signs everybody out. */
export class Sessions {
  private readonly byId = new Map<string, Session>();
  /** Counts every start, end and role change, so watchers can tell the set of sessions changed. */
  version = 0;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => number,
  ) {}

  start(user: string, role: Role): Session {
    const s = { id: randomBytes(24).toString('base64url'), user, role, lastSeen: this.now() };
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
    return s;
  }

  /** Ends idle sessions and returns them (for the audit log and push events). */
  sweep(): Session[] {
    const expired = [...this.byId.values()].filter((s) => this.now() - s.lastSeen > this.idleTimeoutMs);
    for (const s of expired) this.byId.delete(s.id);
    if (expired.length > 0) this.version++;
    return expired;
  }

  setRole(user: string, role: Role): void {
    for (const s of this.byId.values()) if (s.user === user) s.role = role;
    this.version++;
  }

  count(): number {
    return this.byId.size;
  }

  clear(): Session[] {
    const all = [...this.byId.values()];
    this.byId.clear();
    if (all.length > 0) this.version++;
    return all;
  }
}
