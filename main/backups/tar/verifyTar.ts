import type { Readable } from 'node:stream';
import { HashWorker } from './HashWorker';
import { readTar } from './readTar';
import type { ExpectedFile, VerifyProblem, VerifyResult } from './types';

/** A manifest entry as verifyTar checks it: directories and links by type only. */
export interface ExpectedEntry extends ExpectedFile {
  type: string;
}

/**
 * Reads a whole archive without writing anything, re-hashing every file, and compares it with
 * a manifest: every file whose size or SHA-256 differs, every entry missing from the archive
 * and every entry the manifest does not list is named. An archive that cannot be read to its
 * end (corrupt, truncated, an unsafe entry, a decryption failure) rejects instead.
 */
export async function verifyTar(input: Readable, expected: Map<string, ExpectedEntry>): Promise<VerifyResult> {
  const problems: VerifyProblem[] = [];
  const seen = new Set<string>();
  let files = 0;
  let bytes = 0;
  // Files are hashed on a second core while the archive is decrypted and read on this one; each
  // entry's findings wait for its digest, and are reported in archive order.
  const hasher = HashWorker.for([...expected.values()].reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0));
  const checks: Promise<VerifyProblem[]>[] = [];
  try {
    for await (const entry of readTar(input)) {
      seen.add(entry.path);
      const want = expected.get(entry.path);
      let sha256: Promise<string> | null = null;
      if (entry.type === 'file') {
        const hash = hasher.start();
        for await (const chunk of entry.stream) {
          hash.update(chunk as Buffer);
          const wait = hasher.room();
          if (wait) await wait;
        }
        sha256 = hash.digest();
        files++;
        bytes += entry.size;
      }
      const found: VerifyProblem[] = [];
      if (!want) found.push({ path: entry.path, problem: `${article(entry.type)} in the archive that the manifest does not list` });
      else if (want.type !== entry.type) found.push({ path: entry.path, problem: `is ${article(entry.type)} in the archive but ${article(want.type)} in the manifest` });
      if (sha256 && want?.type === 'file') {
        const size = entry.size;
        const check = sha256.then((hex) => {
          const content: VerifyProblem[] = [];
          if (size !== want.size) content.push({ path: entry.path, problem: `is ${size} bytes in the archive, the manifest says ${want.size}` });
          else if (hex !== want.sha256) content.push({ path: entry.path, problem: 'SHA-256 does not match the manifest (the stored content is damaged or was altered)' });
          return [...content, ...found];
        });
        // Awaited below; if reading fails first, close() rejects it with nobody left to listen.
        check.catch(() => undefined);
        checks.push(check);
      } else {
        checks.push(Promise.resolve(found));
      }
    }
    hasher.flush();
    for (const found of await Promise.all(checks)) problems.push(...found);
  } finally {
    hasher.close();
  }
  for (const path of [...expected.keys()].filter((p) => !seen.has(p)).sort()) {
    problems.push({ path, problem: 'is in the manifest but missing from the archive' });
  }
  return { ok: problems.length === 0, problems, files, bytes };
}

function article(type: string): string {
  return type === 'symlink' ? 'a symbolic link' : `a ${type}`;
}
