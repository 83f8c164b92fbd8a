/** The byte stream is not a complete, well-formed tar archive (bad header, truncated). */
export class CorruptArchiveError extends Error {
  override readonly name = 'CorruptArchiveError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
