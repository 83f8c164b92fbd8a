import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashWorker } from '../../../../main/backups/tar';
import { INLINE_HASH_MAX } from '../../../../main/backups/tar/HashWorker';

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('HashWorker', () => {
  it('gives the SHA-256 of each of many interleaved hashes, across batch boundaries, in order', async () => {
    const worker = new HashWorker();
    try {
      // Sizes around the 1 MiB batch: a hash split over batches, an empty one, many small ones.
      const inputs = [Buffer.alloc(0), randomBytes(1), randomBytes(1024 * 1024 - 1), randomBytes(3 * 1024 * 1024 + 7), ...Array.from({ length: 200 }, (_, i) => randomBytes(1 + i * 97))];
      const hashes = inputs.map(() => worker.start());
      const order: number[] = [];
      const digests = hashes.map((h, i) => {
        // Two halves each, interleaved with the other hashes' halves.
        h.update(inputs[i]!.subarray(0, inputs[i]!.length >> 1));
        return i;
      }).map((i) => {
        hashes[i]!.update(inputs[i]!.subarray(inputs[i]!.length >> 1));
        return hashes[i]!.digest().then((hex) => {
          order.push(i);
          return hex;
        });
      });
      worker.flush();
      expect(await Promise.all(digests)).toEqual(inputs.map((b) => sha256(b)));
      expect(order).toEqual(inputs.map((_, i) => i));
    } finally {
      worker.close();
    }
  });

  it('copies on update: the caller may reuse its buffer at once', async () => {
    const worker = new HashWorker();
    try {
      const buf = Buffer.alloc(1000, 1);
      const h = worker.start();
      h.update(buf);
      buf.fill(2);
      h.update(buf);
      const digest = h.digest();
      worker.flush();
      expect(await digest).toBe(sha256(Buffer.alloc(1000, 1), Buffer.alloc(1000, 2)));
    } finally {
      worker.close();
    }
  });

  it('asks the caller to wait once megabytes are queued, and lets it go on when the worker caught up', async () => {
    const worker = new HashWorker();
    try {
      const h = worker.start();
      const chunk = randomBytes(1024 * 1024);
      let waits = 0;
      for (let i = 0; i < 64; i++) {
        h.update(chunk);
        const wait = worker.room();
        if (wait) {
          waits++;
          await wait;
        }
      }
      const digest = h.digest();
      worker.flush();
      expect(await digest).toBe(sha256(...Array.from({ length: 64 }, () => chunk)));
      expect(waits).toBeGreaterThan(0);
    } finally {
      worker.close();
    }
  });

  it('rejects digests still pending when closed, and every later one', async () => {
    const worker = new HashWorker();
    const h = worker.start();
    h.update(Buffer.from('x'));
    const pending = h.digest();
    worker.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(worker.start().digest()).rejects.toThrow(/closed/);
  });

  it('HashWorker.for hashes in line, with no thread, when there is little to hash; the same digests', async () => {
    const small = HashWorker.for(1024);
    const big = HashWorker.for(INLINE_HASH_MAX);
    try {
      expect((small as unknown as { worker: unknown }).worker).toBeNull();
      expect((big as unknown as { worker: unknown }).worker).not.toBeNull();
      const data = randomBytes(3 * 1024 * 1024 + 5);
      const digests = [small, big].map((w) => {
        const h = w.start();
        h.update(data.subarray(0, 1000));
        h.update(data.subarray(1000));
        expect(w.room()).toBeUndefined();
        const d = h.digest();
        w.flush();
        return d;
      });
      expect(await Promise.all(digests)).toEqual([sha256(data), sha256(data)]);
    } finally {
      small.close();
      big.close();
    }
    await expect(small.start().digest()).rejects.toThrow(/closed/);
  });
});
