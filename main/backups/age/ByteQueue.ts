const EMPTY = Buffer.alloc(0);

/**
 * Bytes waiting to be cut into chunks. Holding the incoming buffers in a list and copying only
 * what a chunk takes keeps large streams linear, where repeated Buffer.concat would not be.
 *
 * A chunk that lies within one incoming buffer is returned as a view of it, not a copy: the
 * buffers a stream is given are its own (Node's stream contract), and the age streams only read
 * what they take. A consumed buffer is dropped from the list at once, so that the queue never
 * keeps more than what is still waiting alive (it used to hold up to 1,024 consumed buffers:
 * with the 1 MiB reads of packTar, a gigabyte).
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
    const first = this.parts[this.head];
    let out: Buffer;
    if (first === undefined || n === 0) {
      out = EMPTY;
    } else if (first.length >= n) {
      out = first.subarray(0, n);
      this.consumeFirst(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const part = this.parts[this.head]!;
        const used = Math.min(part.length, n - filled);
        part.copy(out, filled, 0, used);
        filled += used;
        this.consumeFirst(used);
      }
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

  /** Drops `used` bytes from the front of the first part (all of it, or a prefix). */
  private consumeFirst(used: number): void {
    const part = this.parts[this.head]!;
    if (used === part.length) this.parts[this.head++] = EMPTY;
    else this.parts[this.head] = part.subarray(used);
  }
}
