import type { IncomingMessage } from 'node:http';

/**
 * Browsers do not separate cookies by port, so the name carries it: two `firebreak serve` on one
 * machine (a drill next to the real log) keep their own sessions instead of overwriting each other.
 */
export const sessionCookieName = (port: number): string => `fb_session_${port}`;

/** The value of our session cookie, or null. Other cookies on 127.0.0.1 are ignored. */
export function readSessionCookie(req: IncomingMessage, port: number): string | null {
  const header = req.headers.cookie;
  if (header === undefined) return null;
  const name = sessionCookieName(port);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** HttpOnly keeps it from page scripts; SameSite=Strict keeps other sites from riding it. */
export function sessionCookieHeader(port: number, value: string): string {
  return `${sessionCookieName(port)}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}
