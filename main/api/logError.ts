import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Unexpected errors go to <dataDir>/logs/firebreak.log with the method name and the stack only:
 * never the input, which may hold passphrases, keys or personal data.
 */
export function logError(dataDir: string, method: string, err: unknown): void {
  try {
    const dir = join(dataDir, 'logs');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const e = err instanceof Error ? `${e_name(err)}: ${err.message}\n${err.stack ?? ''}` : String(err);
    appendFileSync(join(dir, 'firebreak.log'), `${new Date().toISOString()} ${method} ${e}\n`, { mode: 0o600 });
  } catch {
    // Logging must never turn one failure into two.
  }
}

const e_name = (err: Error): string => err.name;
