import { isAppUrl } from './appOrigin';

/**
 * Firebreak works offline: the renderer fetches only its own files. Anything else (http, https,
 * ws, file) is cancelled before it leaves, in addition to the CSP, so a compromised page cannot
 * beacon data out. devtools: stays open for the developer tools window.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  return /^(data|blob|devtools):/i.test(url);
}
