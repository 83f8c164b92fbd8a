import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../contract/csp';
import { contentTypeFor } from '../../contract/contentTypeFor';
import { isRouteLike, resolveAppFile } from './resolveAppFile';

/** Reads a file, or resolves to null when it does not exist. */
export type ReadFile = (file: string) => Promise<Uint8Array | null>;

/** Headers on every app:// response, the same policy browser mode sends. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** The app:// handler: static files of the built renderer, read-only, GET and HEAD only. */
export function createAppProtocolHandler(rootDir: string, readFile: ReadFile): (request: Request) => Promise<Response> {
  const plain = (status: number, text: string): Response =>
    new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const file = resolveAppFile(rootDir, request.url);
    if (file === null) return plain(404, 'not found');
    let body = await readFile(file);
    let served = file;
    if (body === null && isRouteLike(file)) {
      served = join(rootDir, 'index.html');
      body = await readFile(served);
    }
    if (body === null) return plain(404, 'not found');
    // Response wants an ArrayBuffer-backed view; copy out of Node's pooled Buffer.
    const bytes = new Uint8Array(body.byteLength);
    bytes.set(body);
    return new Response(request.method === 'HEAD' ? null : bytes, {
      status: 200,
      headers: appResponseHeaders(contentTypeFor(served)),
    });
  };
}
