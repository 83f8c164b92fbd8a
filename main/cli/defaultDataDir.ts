import { join, win32 } from 'node:path';

/**
 * Where the CLI and browser mode keep their data when no --data-dir is given: FIREBREAK_HOME,
 * else the platform's per-user data directory (XDG on Linux).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.FIREBREAK_HOME) return env.FIREBREAK_HOME;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Firebreak');
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), 'Firebreak');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'firebreak');
  }
}
