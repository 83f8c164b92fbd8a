import { describe, expect, it } from 'vitest';
import type { Result } from '../../../contract';
import { PagedRows, type Page } from '../../../renderer/lib/PagedRows';

interface PendingFetch {
  offset: number;
  limit: number;
  /** The promise PagedRows awaits; awaiting it after `answer` lets PagedRows finish first. */
  promise: Promise<Result<Page<string>>>;
  answer(result?: Result<Page<string>>): Promise<void>;
}

/**
 * A server-side list of `total` rows whose answers the test releases one by one, so the order
 * of requests and answers is explicit.
 */
function listSource(total: () => number) {
  const pending: PendingFetch[] = [];
  const fetchPage = (offset: number, limit: number): Promise<Result<Page<string>>> => {
    let resolve!: (r: Result<Page<string>>) => void;
    const promise = new Promise<Result<Page<string>>>((r) => (resolve = r));
    pending.push({
      offset,
      limit,
      promise,
      answer: async (result) => {
        const n = total();
        const rows = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => `row ${offset + i}`);
        resolve(result ?? { ok: true, value: { total: n, offset, rows } });
        await promise;
      },
    });
    return promise;
  };
  const take = (): PendingFetch[] => pending.splice(0);
  return { fetchPage, take };
}

describe('PagedRows', () => {
  it('fetches the page a range lies on, once, and serves its rows', async () => {
    const source = listSource(() => 250);
    const rows = new PagedRows(source.fetchPage, 100);
    let notified = 0;
    rows.subscribe(() => (notified += 1));

    rows.ensure(0, 49);
    rows.ensure(10, 60);
    const [first, ...others] = source.take();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ offset: 0, limit: 100 });
    expect(rows.total).toBeNull();
    expect(rows.rowAt(0)).toBeUndefined();

    await first?.answer();
    expect(rows.total).toBe(250);
    expect(rows.rowAt(0)).toBe('row 0');
    expect(rows.rowAt(99)).toBe('row 99');
    expect(rows.rowAt(100)).toBeUndefined();
    expect(notified).toBe(1);
    expect(rows.getVersion()).toBe(1);

    rows.ensure(0, 99);
    expect(source.take()).toEqual([]);
  });

  it('fetches every page a range spans, but none past the known total', async () => {
    const source = listSource(() => 250);
    const rows = new PagedRows(source.fetchPage, 100);
    rows.ensure(150, 420);
    // The total is unknown yet, so every page the range covers is asked for.
    const spanned = source.take();
    expect(spanned.map((f) => f.offset)).toEqual([100, 200, 300, 400]);
    for (const f of spanned) await f.answer();
    expect(rows.total).toBe(250);
    expect(rows.rowAt(249)).toBe('row 249');
    expect(rows.rowAt(250)).toBeUndefined();

    rows.ensure(0, 10_000);
    expect(source.take().map((f) => f.offset)).toEqual([0]);
  });

  it('asks for no page that would start exactly at the end of the list', async () => {
    const source = listSource(() => 200);
    const rows = new PagedRows(source.fetchPage, 100);
    rows.ensure(0, 0);
    await source.take()[0]?.answer();
    rows.ensure(0, 350);
    expect(source.take().map((f) => f.offset)).toEqual([100]);
  });

  it('asks for the first page of an empty list and reports a total of 0', async () => {
    const source = listSource(() => 0);
    const rows = new PagedRows(source.fetchPage, 100);
    rows.ensure(0, 20);
    const fetches = source.take();
    expect(fetches).toHaveLength(1);
    await fetches[0]?.answer();
    expect(rows.total).toBe(0);
    expect(rows.rowAt(0)).toBeUndefined();
    rows.ensure(0, 20);
    expect(source.take()).toEqual([]);
  });

  it('keeps the error of a failed page, and retries it on the next ensure', async () => {
    const source = listSource(() => 50);
    const rows = new PagedRows(source.fetchPage, 100);
    rows.ensure(0, 10);
    await source.take()[0]?.answer({ ok: false, error: { code: 'LOCKED', message: 'the vault is locked: sign in first' } });
    expect(rows.error).toEqual({ code: 'LOCKED', message: 'the vault is locked: sign in first' });
    expect(rows.total).toBeNull();
    expect(rows.getVersion()).toBe(1);

    rows.ensure(0, 10);
    await source.take()[0]?.answer();
    expect(rows.error).toBeNull();
    expect(rows.rowAt(49)).toBe('row 49');
  });

  it('refresh refetches the pages in view, keeps their old rows until then, and forgets the others', async () => {
    let total = 500;
    const source = listSource(() => total);
    const rows = new PagedRows(source.fetchPage, 100);
    rows.ensure(0, 499);
    for (const f of source.take()) await f.answer();
    expect(rows.rowAt(0)).toBe('row 0');

    rows.ensure(230, 320); // the viewport now shows pages 2 and 3
    expect(source.take()).toEqual([]);
    total = 501;
    rows.refresh();
    const refetches = source.take();
    expect(refetches.map((f) => f.offset)).toEqual([200, 300]);
    expect(rows.rowAt(0)).toBeUndefined();
    expect(rows.rowAt(450)).toBeUndefined();
    expect(rows.rowAt(250)).toBe('row 250');
    expect(rows.total).toBe(500);

    for (const f of refetches) await f.answer();
    expect(rows.total).toBe(501);
    rows.ensure(0, 10);
    expect(source.take().map((f) => f.offset)).toEqual([0]);
  });

  it('stops notifying once unsubscribed or disposed, and ignores late answers', async () => {
    const source = listSource(() => 10);
    const rows = new PagedRows(source.fetchPage, 5);
    const seen: string[] = [];
    const unsubscribe = rows.subscribe(() => seen.push('a'));
    rows.subscribe(() => seen.push('b'));
    rows.ensure(0, 9);
    const [page0, page1] = source.take();
    await page0?.answer();
    expect(seen).toEqual(['a', 'b']);

    unsubscribe();
    rows.dispose();
    await page1?.answer();
    expect(seen).toEqual(['a', 'b']);
    expect(rows.rowAt(5)).toBeUndefined();
    expect(rows.getVersion()).toBe(1);
  });
});
