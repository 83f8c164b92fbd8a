/**
 * An injectable clock (BackendOptions.now): TOTP steps, backoff, idle timeouts and incident
 * years move only when a test says so.
 */
export class TestClock {
  constructor(public ms: number = Date.UTC(2026, 2, 14, 9, 0, 0)) {}

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }

  iso(): string {
    return new Date(this.ms).toISOString();
  }
}
