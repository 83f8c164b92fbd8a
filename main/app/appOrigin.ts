/**
 * The renderer is served from a privileged custom scheme rather than file://: file:// pages share
 * one opaque origin with every other local file, cannot carry response headers (so no CSP
 * header), and make `'self'` mean "any file on disk".
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'firebreak';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL on our own origin. Node's URL gives non-special schemes an opaque origin, so compare the parts. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
