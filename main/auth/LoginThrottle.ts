/**
 * Backoff after failed sign-ins, per user name: free tries first, then a doubling wait, capped.
 * Kept in memory on purpose: a wrong passphrase must change nothing on disk while locked.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly freeTries = 3,
    private readonly baseDelayMs = 2_000,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Milliseconds the caller must still wait, or 0. */
  retryAfter(user: string): number {
    const f = this.failures.get(user);
    return f ? Math.max(0, f.until - this.now()) : 0;
  }

  fail(user: string): number {
    const count = (this.failures.get(user)?.count ?? 0) + 1;
    const delay = count < this.freeTries ? 0 : Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (count - this.freeTries));
    this.failures.set(user, { count, until: this.now() + delay });
    return count;
  }

  succeed(user: string): void {
    this.failures.delete(user);
  }
}
