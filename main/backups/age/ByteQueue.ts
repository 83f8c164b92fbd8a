/**
 * Bytes waiting to be cut into chunks. Holding the incoming buffers in a list and copying only
 * what a chunk takes keeps large streams linear, where repeated Buffer.concat would not be.
 */
export class ByteQueue {
  private parts: Buffer[] = [];
  /** Index of the first unconsumed part: avoids Array.shift, which is linear per call. */
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.parts.push(data);
    this.size += data.length;
  }

  /** The first `n` bytes (n ≤ length), removed from the queue. */
  take(n: number): Buffer {
    if (n > this.size) throw new RangeError('ByteQueue: not enough bytes');
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const part = this.parts[this.head]!;
      const used = Math.min(part.length, n - filled);
      part.copy(out, filled, 0, used);
      filled += used;
      if (used === part.length) this.head++;
      else this.parts[this.head] = part.subarray(used);
    }
    this.size -= n;
    if (this.head === this.parts.length) {
      this.parts = [];
      this.head = 0;
    } else if (this.head > 1024) {
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  takeAll(): Buffer {
    return this.take(this.size);
  }
}
