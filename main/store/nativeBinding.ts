import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * Two builds of the SQLCipher addon (docs/electron.md): node_modules holds the one for Node
 * (CLI, browser mode, tests); `native/electron/` holds one built for Electron's ABI by
 * `npm run rebuild:electron`. Under Electron the second is used when present.
 */
export const ELECTRON_BINDING = join('native', 'electron', 'better_sqlite3.node');

export interface NativeRuntime {
  /** process.versions.electron: set only inside Electron. */
  electron: string | undefined;
  /** The app root (package.json's folder, or app.asar when packaged). */
  appRoot: string | undefined;
  exists(file: string): boolean;
}

function currentRuntime(): NativeRuntime {
  return {
    electron: process.versions.electron,
    // Under Electron this module runs inside the bundle <root>/dist/app/main.cjs (scripts/build-app.mjs).
    appRoot: typeof __dirname === 'string' ? resolve(__dirname, '..', '..') : undefined,
    exists: existsSync,
  };
}

/** A native addon cannot be loaded from inside an asar archive; electron-builder unpacks it next to it. */
function outsideAsar(dir: string): string {
  const marker = `${sep}app.asar`;
  const at = dir.lastIndexOf(marker);
  if (at === -1) return dir;
  const end = at + marker.length;
  if (end !== dir.length && dir[end] !== sep) return dir;
  return `${dir.slice(0, end)}.unpacked${dir.slice(end)}`;
}

/**
 * The `nativeBinding` option for better-sqlite3-multiple-ciphers: the Electron-ABI build when
 * running in Electron and it exists, otherwise undefined (the package's default Node build).
 */
export function nativeBindingPath(runtime: NativeRuntime = currentRuntime()): string | undefined {
  if (!runtime.electron || !runtime.appRoot) return undefined;
  const candidate = join(outsideAsar(runtime.appRoot), ELECTRON_BINDING);
  return runtime.exists(candidate) ? candidate : undefined;
}
