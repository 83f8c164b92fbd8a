import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root (the folder with package.json), found by walking up from this module: it
 * runs from main/cli/ (sources, through tsx) and from dist/cli/ (the bundle, scripts/build-cli.mjs),
 * so a fixed number of `..` would be right for only one of them.
 */
export function packageRoot(moduleUrl: string = import.meta.url): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(start, '..', '..');
  }
}
