import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { contentTypeFor } from '../../contract/contentTypeFor';
import { resolveStaticPath } from './resolveStaticPath';
import { sendText } from './sendResponse';

/** Serves the built renderer. `realRoot` is the root with symlinks resolved, computed once. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  realRoot: string,
  rawPath: string,
): Promise<void> {
  const file = resolveStaticPath(realRoot, rawPath);
  if (file === null) {
    sendText(res, 400, 'bad path');
    return;
  }
  const found = (await existingFileUnder(realRoot, file)) ?? (await spaFallback(realRoot, rawPath));
  if (found === null) {
    sendText(res, 404, 'not found');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(found.path));
  res.setHeader('Content-Length', found.size);
  // index.html names the hashed bundles, so it must be re-fetched after a rebuild.
  res.setHeader('Cache-Control', found.path.endsWith('.html') ? 'no-store' : 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

async function existingFileUnder(realRoot: string, file: string): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(file);
    if (!real.startsWith(realRoot + sep)) return null; // a symlink pointing out of the bundle
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/** Client-side routes (`/incidents/IR-2026-0001`) have no dot in the last segment: serve the app. */
async function spaFallback(realRoot: string, rawPath: string): Promise<{ path: string; size: number } | null> {
  const last = rawPath.split('/').pop() ?? '';
  if (last.includes('.')) return null;
  return existingFileUnder(realRoot, join(realRoot, 'index.html'));
}
