import type { IncomingMessage } from 'node:http';
import type { BodyBudget } from './BodyBudget';

export type BodyRead =
  | { ok: true; body: Buffer; release: () => void }
  | { ok: false; reason: 'too-large' | 'aborted' | 'busy' };

/**
 * Buffers a request body, giving up as soon as it passes `limit` bytes (declared or actual), or as
 * soon as the bytes it holds would not fit in `budget` (shared by every request in flight): the
 * declared length is taken from the budget before anything is read, an undeclared one chunk by
 * chunk. On success the caller gives the bytes back with `release` when it no longer needs the
 * body or anything made from it.
 */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  const hasDeclared = req.headers['content-length'] !== undefined && Number.isFinite(declared);
  if (hasDeclared && declared > limit) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  let held = 0;
  if (hasDeclared) {
    if (!budget.take(declared)) return Promise.resolve({ ok: false, reason: 'busy' });
    held = declared;
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    budget.give(held);
  };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      if (!result.ok) {
        chunks.length = 0;
        release();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      // More than declared (a lying client), or nothing declared: take the difference as it comes.
      if (size > held) {
        if (!budget.take(size - held)) {
          settle({ ok: false, reason: 'busy' });
          return;
        }
        held = size;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle({ ok: true, body: Buffer.concat(chunks, size), release }));
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
