import { extname, join, normalize, sep } from 'node:path';
import { APP_SCHEME, APP_HOST } from './appOrigin';

/**
 * Maps an app:// URL to a file under the renderer root, or null. Anything outside the root
 * (encoded `..`, backslashes, NUL, a foreign host) is refused, never clamped.
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join(sep);
  const root = normalize(rootDir);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return file;
}

/** Client-side routes have no extension: they get the page, while a missing asset stays a 404. */
export function isRouteLike(file: string): boolean {
  return extname(file) === '';
}
