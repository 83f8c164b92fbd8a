import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'fb_session';

/** The value of our session cookie, or null. Other cookies on 127.0.0.1 are ignored. */
export function readSessionCookie(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/** HttpOnly keeps it from page scripts; SameSite=Strict keeps other sites from riding it. */
export function sessionCookieHeader(value: string): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}
