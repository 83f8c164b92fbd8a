import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
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

  for await (const entry of readTar(input)) {
    seen.add(entry.path);
    const want = expected.get(entry.path);
    if (entry.type === 'file') {
      const hash = createHash('sha256');
      for await (const chunk of entry.stream) hash.update(chunk as Buffer);
      files++;
      bytes += entry.size;
      if (want?.type === 'file') {
        const sha256 = hash.digest('hex');
        if (entry.size !== want.size) problems.push({ path: entry.path, problem: `is ${entry.size} bytes in the archive, the manifest says ${want.size}` });
        else if (sha256 !== want.sha256) problems.push({ path: entry.path, problem: 'SHA-256 does not match the manifest (the stored content is damaged or was altered)' });
      }
    }
    if (!want) problems.push({ path: entry.path, problem: `${article(entry.type)} in the archive that the manifest does not list` });
    else if (want.type !== entry.type) problems.push({ path: entry.path, problem: `is ${article(entry.type)} in the archive but ${article(want.type)} in the manifest` });
  }
  for (const path of [...expected.keys()].filter((p) => !seen.has(p)).sort()) {
    problems.push({ path, problem: 'is in the manifest but missing from the archive' });
  }
  return { ok: problems.length === 0, problems, files, bytes };
}

function article(type: string): string {
  return type === 'symlink' ? 'a symbolic link' : `a ${type}`;
}
