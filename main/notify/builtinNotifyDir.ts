import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding regimes/ and holidays/ (<repo>/main/notify), found by walking up from this
 * module to the folder with package.json, as builtinRunbooksDir does; electron-builder.yml ships
 * main/notify/{regimes,holidays}/** next to package.json.
 */
export function builtinNotifyDir(moduleUrl: string = import.meta.url): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'main', 'notify');
    if (dirname(dir) === dir) return start;
  }
}
