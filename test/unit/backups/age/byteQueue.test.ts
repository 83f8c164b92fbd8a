import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../../../main/backups/age/ByteQueue';

describe('ByteQueue', () => {
  it('hands out the bytes in order, whatever the split of pushes and takes', () => {
    const all = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    for (const pushSize of [1, 7, 100, 4999, 5000]) {
      for (const takeSize of [1, 13, 64, 1000, 5000]) {
        const q = new ByteQueue();
        for (let i = 0; i < all.length; i += pushSize) q.push(all.subarray(i, i + pushSize));
        const out: Buffer[] = [];
        while (q.length >= takeSize) out.push(q.take(takeSize));
        out.push(q.takeAll());
        expect(Buffer.concat(out).equals(all)).toBe(true);
        expect(q.length).toBe(0);
      }
    }
  });

  it('takes within one pushed buffer without copying, across buffers into a new one', () => {
    const a = Buffer.from('abcdef');
    const b = Buffer.from('ghij');
    const q = new ByteQueue();
    q.push(a);
    q.push(b);
    const first = q.take(4);
    const straddling = q.take(4);
    expect(first.toString()).toBe('abcd');
    expect(straddling.toString()).toBe('efgh');
    // A view shares the pushed bytes; a copy does not.
    a.fill('x');
    b.fill('y');
    expect(first.toString()).toBe('xxxx');
    expect(straddling.toString()).toBe('efgh');
    expect(q.takeAll().toString()).toBe('yy');
  });

  it('keeps no consumed buffer alive while others wait (a consumed part is dropped at once)', () => {
    const q = new ByteQueue();
    for (let i = 0; i < 10; i++) q.push(Buffer.alloc(100, i));
    q.take(950);
    // Only the last buffer's 50 bytes are left: what the queue still refers to is that much.
    const parts = (q as unknown as { parts: Buffer[] }).parts;
    expect(parts.reduce((n, p) => n + p.length, 0)).toBe(50);
  });
});
