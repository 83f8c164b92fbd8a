import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export interface HashMeterOptions {
  /** Called with the size of every chunk as it passes. */
  onBytes?: (n: number) => void;
  /** Called at the end with the byte count; an error returned here fails the stream. */
  check?: (bytes: number) => Error | null;
}

/** A pass-through that counts and SHA-256-hashes exactly the bytes that went through it. */
export class HashMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private hex: string | null = null;

  constructor(private readonly options: HashMeterOptions = {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.options.onBytes?.(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.options.check?.(this.bytes) ?? null);
  }

  /** Hex SHA-256 of everything that went through; call once the stream has ended. */
  digest(): string {
    this.hex ??= this.hash.digest('hex');
    return this.hex;
  }
}
