import type { ApiError, Result } from '../../contract';

export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

/**
 * Rows of a server-side list, fetched a page at a time as the viewport asks for them. The
 * virtualized table renders `total` rows but only the pages near the viewport are ever loaded,
 * so 100,000 incidents cost a few hundred rows of memory.
 */
export class PagedRows<T> {
  total: number | null = null;
  error: ApiError | null = null;
  /** Bumped on every change: the snapshot for useSyncExternalStore. */
  version = 0;
  private readonly pages = new Map<number, T[]>();
  private readonly inflight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private lastRange: [number, number] = [0, 0];
  private disposed = false;

  constructor(
    private readonly fetchPage: (offset: number, limit: number) => Promise<Result<Page<T>>>,
    readonly pageSize = 100,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  rowAt(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Loads the pages covering rows [start, end], unless loaded or on their way. */
  ensure(start: number, end: number): void {
    this.lastRange = [start, end];
    const first = Math.floor(Math.max(0, start) / this.pageSize);
    const last = Math.floor(Math.max(0, end) / this.pageSize);
    for (let page = first; page <= last; page += 1) {
      if (this.total !== null && page * this.pageSize >= this.total && page > 0) break;
      if (!this.pages.has(page) && !this.inflight.has(page)) void this.load(page);
    }
  }

  /**
   * After a change elsewhere: refetches the pages around the viewport (keeping the old rows on
   * screen until the new ones arrive) and forgets the rest.
   */
  refresh(): void {
    const [start, end] = this.lastRange;
    const first = Math.floor(start / this.pageSize);
    const last = Math.floor(end / this.pageSize);
    for (const page of [...this.pages.keys()]) if (page < first || page > last) this.pages.delete(page);
    for (let page = first; page <= last; page += 1) void this.load(page);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private async load(page: number): Promise<void> {
    this.inflight.add(page);
    const result = await this.fetchPage(page * this.pageSize, this.pageSize);
    this.inflight.delete(page);
    if (this.disposed) return;
    if (result.ok) {
      this.total = result.value.total;
      this.pages.set(page, result.value.rows);
      this.error = null;
    } else {
      this.error = result.error;
    }
    this.emit();
  }

  private emit(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
