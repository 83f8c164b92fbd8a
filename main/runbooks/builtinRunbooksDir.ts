import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built-in runbooks folder (<repo>/runbooks). Found by walking up from this module to the
 * folder that holds package.json, which works from the sources (main/runbooks/, run by tsx) and
 * from the Electron bundle (dist/app/main.cjs, whose import.meta.url the build defines as the
 * bundle's own file inside app.asar; electron-builder.yml ships runbooks/** next to package.json
 * and Electron's fs reads inside the asar). The Electron main process passes
 * join(app.getAppPath(), 'runbooks') explicitly anyway (BackendOptions.builtinRunbooksDir).
 */
export function builtinRunbooksDir(moduleUrl: string = import.meta.url): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'runbooks');
    if (dirname(dir) === dir) return join(start, '..', '..', 'runbooks');
  }
}
