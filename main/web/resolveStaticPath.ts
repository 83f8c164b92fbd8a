import { join, sep } from 'node:path';

/**
 * Maps a request path to a file under `root`, or null when the path could leave it. Checked
 * after percent-decoding (`%2e%2e`, `%2f`, `%5c`) and before touching the file system; symlinks
 * are checked separately by the caller against the real path of the root.
 */
export function resolveStaticPath(root: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\\') || decoded.includes('\0')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relative = decoded === '/' ? 'index.html' : segments.join('/');
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return file;
}
