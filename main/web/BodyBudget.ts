/**
 * Bytes of request bodies held in memory at once, across all requests (issue 13 §14): each body
 * is bounded on its own (MAX_API_BODY_BYTES), but eight 45 MiB bodies at once took the server
 * from 162 to 758 MiB. A request reserves its body's size before reading it (or chunk by chunk
 * when the size is not declared) and gives it back once its call is answered — the parsed input
 * lives that long. A request that does not fit is refused (503 with Retry-After), not queued:
 * its body is never read.
 */
export class BodyBudget {
  private used = 0;
  private peak = 0;

  constructor(readonly capacity: number) {}

  /** Takes `bytes` if they fit; false (and nothing taken) if not. */
  take(bytes: number): boolean {
    if (bytes < 0 || this.used + bytes > this.capacity) return false;
    this.used += bytes;
    this.peak = Math.max(this.peak, this.used);
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  /** Bytes held now, and the most held at once since the host started (for tests and diagnostics). */
  stats(): { used: number; peak: number; capacity: number } {
    return { used: this.used, peak: this.peak, capacity: this.capacity };
  }
}
