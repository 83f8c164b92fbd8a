import { randomBytes } from 'node:crypto';
import { appendFileSync, createReadStream, mkdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packTar, readTar, SourceChangedError, type TarSourceEntry } from '../../../../main/backups/tar';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { makeTree, packToBuffer, packToFile, quote, sh, sha256, walk } from './tarKit';

let dir: string;
let src: string;
const at = (name: string) => join(dir, name);
beforeEach(() => {
  dir = makeTempDataDir('tar-pack');
  src = at('src');
  mkdirSync(src);
});
afterEach(() => removeTempDataDir(dir));

function fileEntry(path: string): TarSourceEntry {
  const st = statSync(join(src, path));
  return { path, absPath: join(src, path), type: 'file', mode: st.mode & 0o7777, mtimeMs: st.mtimeMs, size: st.size };
}

/** A sink that takes `delayMs` per chunk, so a test can act while packing is under way. */
function slowSink(delayMs: number, log: { chunks: number; destroyed: boolean }): Writable {
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(_chunk: Buffer, _encoding, callback) {
      log.chunks++;
      setTimeout(callback, delayMs);
    },
  });
  sink.on('close', () => (log.destroyed = sink.destroyed && !sink.writableFinished));
  sink.on('error', () => undefined);
  return sink;
}

/** Content of every file in an archive, read back with readTar. */
async function contents(archive: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const e of readTar(Readable.from([archive]))) if (e.type === 'file') out.set(e.path, Buffer.concat((await e.stream.toArray()) as Buffer[]));
  return out;
}

describe('hooks', () => {
  it('onFile gives the SHA-256 of exactly the stored bytes, onBytes adds up to the content size', async () => {
    makeTree(src);
    const entries = walk(src);
    const reported: { path: string; size: number; sha256: string }[] = [];
    let bytes = 0;
    const parts: Buffer[] = [];
    await packTar(
      entries,
      new Writable({
        write(chunk: Buffer, _e, cb) {
          parts.push(chunk);
          cb();
        },
      }),
      { onFile: (f) => reported.push(f), onBytes: (n) => (bytes += n) },
    );
    const files = entries.filter((e) => e.type === 'file');
    expect(reported).toEqual(files.map((e) => ({ path: e.path, size: e.size, sha256: sha256(readFileSync(e.absPath)) })));
    expect(bytes).toBe(files.reduce((n, e) => n + e.size, 0));
    const stored = await contents(Buffer.concat(parts));
    for (const f of reported) expect(sha256(stored.get(f.path)!)).toBe(f.sha256);
  });

  it('streams: the archive starts coming out long before a big file has been read', async () => {
    writeFileSync(join(src, 'big'), randomBytes(16 * 1024 * 1024));
    let read = 0;
    let readWhenFirstOut = -1;
    await packTar(
      [fileEntry('big')],
      new Writable({
        write(_chunk: Buffer, _e, cb) {
          if (readWhenFirstOut === -1) readWhenFirstOut = read;
          cb();
        },
      }),
      { onBytes: (n) => (read += n) },
    );
    expect(read).toBe(16 * 1024 * 1024);
    expect(readWhenFirstOut).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('files that change while being backed up', () => {
  it('a file that grows (even during the read) is stored as it was at stat time', async () => {
    const original = randomBytes(1024 * 1024);
    writeFileSync(join(src, 'log'), original);
    const entry = fileEntry('log');
    appendFileSync(join(src, 'log'), 'appended before the read\n');
    let grown = false;
    let sha = '';
    const archive = await new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      const out = new Writable({
        write(chunk: Buffer, _e, cb) {
          parts.push(chunk);
          cb();
        },
      });
      out.on('finish', () => resolve(Buffer.concat(parts)));
      packTar([entry], out, {
        onBytes: () => {
          if (!grown) appendFileSync(join(src, 'log'), randomBytes(512 * 1024));
          grown = true;
        },
        onFile: (f) => (sha = f.sha256),
      }).catch(reject);
    });
    expect(grown).toBe(true);
    expect(sha).toBe(sha256(original));
    // Compared by hash: Vitest's deep equality walks a MiB Buffer byte by byte, for seconds.
    expect(sha256((await contents(archive)).get('log')!)).toBe(sha256(original));
    expect((await contents(archive)).get('log')!.length).toBe(original.length);
  });

  it.each([
    ['shrank before the read', (p: string) => truncateSync(p, 10), /it shrank from 1048576 to 10 bytes/],
    ['vanished', (p: string) => unlinkSync(p), /it no longer exists/],
  ])('a file that %s fails the pack, naming it', async (_label, change, detail) => {
    writeFileSync(join(src, 'data'), randomBytes(1024 * 1024));
    const entry = fileEntry('data');
    change(join(src, 'data'));
    const log = { chunks: 0, destroyed: false };
    const err: unknown = await packTar([entry], slowSink(0, log)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceChangedError);
    expect((err as SourceChangedError).path).toBe('data');
    expect((err as Error).message).toMatch(/^data changed while being backed up: /);
    expect((err as Error).message).toMatch(detail);
  });

  it('a file that shrinks during the read fails the pack, naming it', async () => {
    writeFileSync(join(src, 'data'), randomBytes(4 * 1024 * 1024));
    let cut = false;
    const err: unknown = await packTar([fileEntry('data')], slowSink(1, { chunks: 0, destroyed: false }), {
      onBytes: () => {
        if (!cut) truncateSync(join(src, 'data'), 100_000);
        cut = true;
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceChangedError);
    expect((err as Error).message).toMatch(/^data changed while being backed up: it shrank: only \d+ of 4194304 bytes could be read/);
  });
});

describe('abort', () => {
  it('stops promptly during a big file, rejects, and destroys the output', async () => {
    writeFileSync(join(src, 'big'), randomBytes(32 * 1024 * 1024));
    const controller = new AbortController();
    const log = { chunks: 0, destroyed: false };
    let read = 0;
    const started = Date.now();
    const packing = packTar([fileEntry('big')], slowSink(5, log), {
      signal: controller.signal,
      onBytes: (n) => {
        read += n;
        if (read >= 256 * 1024) controller.abort();
      },
    });
    await expect(packing).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(read).toBeLessThan(8 * 1024 * 1024);
    await new Promise((r) => setImmediate(r));
    expect(log.destroyed).toBe(true);
  });

  it('rejects at once with an already-aborted signal, with the signal’s reason', async () => {
    writeFileSync(join(src, 'f'), 'x');
    const reason = new Error('cancelled by the operator');
    await expect(packTar([fileEntry('f')], slowSink(0, { chunks: 0, destroyed: false }), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe('names and times', () => {
  it('refuses entries it could not read back, before writing anything', async () => {
    writeFileSync(join(src, 'f'), 'x');
    const f = fileEntry('f');
    for (const [entries, why] of [
      [[{ ...f, path: '../f' }], /'\.\.'/],
      [[{ ...f, path: './f' }], /not a canonical relative path/],
      [[{ ...f, path: 'a\\b' }], /backslash/],
      [[f, f], /listed twice/],
      [[{ ...f, type: 'symlink' }], /symlink without a valid target/],
    ] as [TarSourceEntry[], RegExp][]) {
      const log = { chunks: 0, destroyed: false };
      await expect(packTar(entries, slowSink(0, log))).rejects.toThrow(why);
      expect(log.chunks).toBe(0);
    }
  });

  it('keeps a name that starts like a drive letter (`notes:1/x`), which archiver alone would mangle', async () => {
    mkdirSync(join(src, 'notes:1'));
    writeFileSync(join(src, 'notes:1/x'), 'x');
    const archive = await packToBuffer(walk(src));
    expect([...(await contents(archive)).keys()]).toEqual(['notes:1/x']);
  });

  it('keeps mtimes outside what a 32-bit ustar field holds (pax mtime): 1960 and 2100', async () => {
    writeFileSync(join(src, 'f'), 'x');
    const times = { old: Date.UTC(1960, 0, 1), future: Date.UTC(2100, 0, 1, 0, 0, 1) };
    const entries = Object.entries(times).map(([path, mtimeMs]) => ({ ...fileEntry('f'), path, mtimeMs }));
    await packToFile(entries, at('t.tar'));
    const seen = new Map<string, number>();
    for await (const e of readTar(createReadStream(at('t.tar')))) seen.set(e.path, e.mtimeMs);
    expect(Object.fromEntries(seen)).toEqual(times);
    expect(sh(`TZ=UTC tar -tvf ${quote(at('t.tar'))} --full-time`)).toMatch(/1960-01-01 00:00:00 old\n.*2100-01-01 00:00:01 future/);
  });
});
