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

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => number,
  ) {}

  start(user: string, role: Role): Session {
    const s = { id: randomBytes(24).toString('base64url'), user, role, lastSeen: this.now() };
    this.byId.set(s.id, s);
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

  end(id: string | null): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    this.byId.delete(id);
    return s;
  }

  /** Ends idle sessions and returns them (for the audit log and push events). */
  sweep(): Session[] {
    const expired = [...this.byId.values()].filter((s) => this.now() - s.lastSeen > this.idleTimeoutMs);
    for (const s of expired) this.byId.delete(s.id);
    return expired;
  }

  setRole(user: string, role: Role): void {
    for (const s of this.byId.values()) if (s.user === user) s.role = role;
  }

  count(): number {
    return this.byId.size;
  }

  clear(): Session[] {
    const all = [...this.byId.values()];
    this.byId.clear();
    return all;
  }
}
