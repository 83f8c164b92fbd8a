import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CorruptArchiveError, readTar } from '../../../../main/backups/tar';
import { craft, streamOf } from './tarKit';

async function paths(input: Readable): Promise<string[]> {
  const out: string[] = [];
  for await (const e of readTar(input)) out.push(e.path);
  return out;
}

const archive = () =>
  craft([
    { header: { name: './', type: 'directory' } },
    { header: { name: './dir/', type: 'directory' } },
    { header: { name: 'dir//file', type: 'file' }, content: 'x'.repeat(5000) },
    { header: { name: 'dir/./second', type: 'file' }, content: 'second' },
  ]);

describe('readTar', () => {
  it('canonicalizes names and skips the ./ root entry', async () => {
    expect(await paths(streamOf(await archive()))).toEqual(['dir', 'dir/file', 'dir/second']);
  });

  it('skips what the consumer leaves unread, and hands over what it reads', async () => {
    const contents: string[] = [];
    for await (const e of readTar(streamOf(await archive()))) {
      if (e.path === 'dir/second') contents.push(Buffer.concat(await e.stream.toArray()).toString());
    }
    expect(contents).toEqual(['second']);
  });

  it('refuses a truncated archive: the end-of-archive marker cut off, or a cut inside a file', async () => {
    const whole = await archive();
    await expect(paths(streamOf(whole.subarray(0, whole.length - 1024)))).rejects.toThrow(CorruptArchiveError);
    await expect(paths(streamOf(whole.subarray(0, 2048)))).rejects.toThrow(/truncated/);
    await expect(paths(streamOf(Buffer.alloc(0)))).rejects.toThrow(/truncated/);
  });

  it('refuses bytes that are not a tar archive', async () => {
    await expect(paths(streamOf(Buffer.from('not a tar archive at all'.repeat(100))))).rejects.toThrow(CorruptArchiveError);
  });

  it('passes the input’s own error (a decryption failure, say) through unchanged', async () => {
    const whole = await archive();
    const failure = new Error('authentication failed');
    const input = new Readable({
      read() {
        this.push(whole.subarray(0, 1024));
        this.destroy(failure);
      },
    });
    await expect(paths(input)).rejects.toBe(failure);
  });

  it('destroys the input when the consumer stops early', async () => {
    const input = streamOf(await archive(), 512);
    for await (const e of readTar(input)) {
      expect(e.path).toBe('dir');
      break;
    }
    expect(input.destroyed).toBe(true);
  });
});
