import type { IncomingMessage } from 'node:http';

export type OriginCheck = { ok: true } | { ok: false; status: number; message: string };

/**
 * DNS-rebinding and cross-site defence. A rebound name (evil.example → 127.0.0.1) arrives with
 * its own Host header, so only our exact host:port pairs pass. Other local pages
 * (127.0.0.1:8080) are "same-site" and would get a SameSite=Strict cookie, so any Origin that
 * is present must be ours as well; POSTs are the ones that change state.
 */
export function checkRequestOrigin(req: IncomingMessage, port: number): OriginCheck {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host;
  if (host === undefined || !allowedHosts.includes(host)) {
    return { ok: false, status: 421, message: 'unexpected Host header' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, message: 'foreign Origin' };
  }
  const fetchSite = req.headers['sec-fetch-site'];
  if (req.method === 'POST' && (fetchSite === 'cross-site' || fetchSite === 'same-site')) {
    return { ok: false, status: 403, message: 'cross-site request' };
  }
  return { ok: true };
}
