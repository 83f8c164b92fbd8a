import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty directory under the OS temp dir: every test gets its own data directory. */
export function makeTempDataDir(label = 'test'): string {
  return mkdtempSync(join(tmpdir(), `firebreak-${label}-`));
}

export function removeTempDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
