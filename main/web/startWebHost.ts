import { randomBytes, timingSafeEqual } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, type Result } from '../../contract';
import type { Backend, Connection } from '../api/types';
import { assertLoopbackHost } from './assertLoopbackHost';
import { checkRequestOrigin } from './checkRequestOrigin';
import { BodyBudget } from './BodyBudget';
import { readBody, type BodyRead } from './readBody';
import { sendJson, sendText } from './sendResponse';
import { setSecurityHeaders } from './securityHeaders';
import { serveStatic } from './serveStatic';
import { readSessionCookie, sessionCookieHeader } from './sessionCookie';
import { streamEvents } from './streamEvents';

/** Evidence travels base64 in JSON: 32 MiB of file is ~42.7 MiB of text, plus the envelope. */
export const MAX_API_BODY_BYTES = 45 * 1024 * 1024;
const MAX_EXCHANGE_BODY_BYTES = 4 * 1024;
/**
 * Request bodies held at once, all requests together (issue 13 §14): one largest body and room for
 * ordinary calls beside it. A body is held as bytes, then as text, then parsed (and evidence
 * decoded), so the process needs a few times this at the most, however many requests arrive.
 */
export const MAX_BUFFERED_BODY_BYTES = 64 * 1024 * 1024;
/** What a refused request is told to wait before trying again. */
const BUSY_RETRY_SECONDS = 2;

export interface WebHostOptions {
  backend: Backend;
  /** 0 picks a free port. */
  port: number;
  /** Only 127.0.0.1 or localhost (both bind 127.0.0.1). */
  host?: string;
  /** The built renderer (dist/renderer), served as static files. */
  rendererDir: string;
  /** Request bodies held at once, all requests together; default MAX_BUFFERED_BODY_BYTES. */
  maxBufferedBodyBytes?: number;
}

export interface WebHost {
  /** Carries the one-time token in the fragment, which browsers never send to a server. */
  url: string;
  port: number;
  /** Stops listening, ends event streams and signs the browser sessions out. The backend stays open. */
  close(): Promise<void>;
  /** Request body bytes held now and at most at once (the shared budget; issue 13 §14). */
  bodyStats(): { used: number; peak: number; capacity: number };
}

/** Browser mode: the renderer and the API over loopback HTTP (ARCHITECTURE.md §1). */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  assertLoopbackHost(opts.host ?? '127.0.0.1');
  const { backend } = opts;
  const realRoot = await realpath(opts.rendererDir);
  let token: Buffer | null = randomBytes(32);
  const tokenText = token.toString('base64url');
  const sessions = new Map<string, Connection>();
  const streams = new Set<() => void>();
  const budget = new BodyBudget(opts.maxBufferedBodyBytes ?? MAX_BUFFERED_BODY_BYTES);
  let port = 0;

  const exchange = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const read = await readBody(req, MAX_EXCHANGE_BODY_BYTES, budget);
    if (!read.ok) {
      rejectBody(req, res, read.reason, MAX_EXCHANGE_BODY_BYTES, budget);
      return;
    }
    read.release();
    const presented = parseJsonObject(read.body)?.token;
    if (token === null || typeof presented !== 'string' || !sameSecret(token, presented)) {
      sendJson(res, 401, fail('UNAUTHENTICATED', 'invalid or already used token: restart firebreak serve for a new link'));
      return;
    }
    token = null; // one time only: a leaked URL (history, screen share) is dead once used
    const cookie = randomBytes(32).toString('base64url');
    sessions.set(cookie, backend.newConnection('http'));
    res.setHeader('Set-Cookie', sessionCookieHeader(port, cookie));
    sendJson(res, 200, { ok: true, value: { exchanged: true } });
  };

  const api = async (req: IncomingMessage, res: ServerResponse, conn: Connection): Promise<void> => {
    const read = await readBody(req, MAX_API_BODY_BYTES, budget);
    if (!read.ok) {
      rejectBody(req, res, read.reason, MAX_API_BODY_BYTES, budget);
      return;
    }
    // The body's bytes count until the call is answered: its text and parsed input live that long.
    try {
      await answer(res, conn, read);
    } finally {
      read.release();
    }
  };

  const answer = async (res: ServerResponse, conn: Connection, read: Extract<BodyRead, { ok: true }>): Promise<void> => {
    const body = parseJsonObject(read.body);
    if (body === null || typeof body.method !== 'string') {
      sendJson(res, 400, fail('VALIDATION', 'expected a JSON body {"method": string, "input": any}'));
      return;
    }
    let result: Result<unknown>;
    try {
      // `background: true` marks a call the page made on its own (a refetch after a push): it does not keep the session alive.
      result = await backend.handle(conn, body.method, body.input ?? {}, { background: body.background === true });
    } catch {
      result = fail('INTERNAL', 'internal error');
    }
    if (!res.destroyed) sendJson(res, 200, result);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    const check = checkRequestOrigin(req, port);
    if (!check.ok) {
      sendText(res, check.status, check.message);
      return;
    }
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    const method = req.method ?? 'GET';

    if (rawPath === '/session/exchange' || rawPath === '/api' || rawPath === '/events') {
      res.setHeader('Cache-Control', 'no-store');
      if (rawPath === '/events' ? method !== 'GET' : method !== 'POST') {
        res.setHeader('Allow', rawPath === '/events' ? 'GET' : 'POST');
        sendText(res, 405, 'method not allowed');
        return;
      }
      if (method === 'POST' && !isJson(req)) {
        // Forms cannot send application/json, which closes the classic CSRF route as well.
        sendJson(res, 415, fail('VALIDATION', 'expected Content-Type: application/json'));
        return;
      }
      if (rawPath === '/session/exchange') {
        await exchange(req, res);
        return;
      }
      const cookie = readSessionCookie(req, port);
      const conn = cookie === null ? undefined : sessions.get(cookie);
      if (conn === undefined) {
        sendJson(res, 401, fail('UNAUTHENTICATED', 'no browser session: open the link printed by firebreak serve'));
        return;
      }
      if (rawPath === '/api') {
        await api(req, res, conn);
        return;
      }
      const stop = streamEvents(res, backend, conn);
      streams.add(stop);
      res.on('close', () => {
        streams.delete(stop);
        stop();
      });
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'method not allowed');
      return;
    }
    await serveStatic(req, res, realRoot, rawPath);
  };

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });
  // Bodies are small or capped; a stalled client must not hold a socket forever.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  // Node closes a kept-alive socket after 5 s idle; a client that sends its next request on it in
  // that instant gets ECONNRESET and, for a POST, no retry (seen from Playwright's request client in
  // the notifications e2e). Keep idle sockets longer than clients do, so the client closes first.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${tokenText}`,
    port,
    bodyStats: () => budget.stats(),
    close: async () => {
      token = null;
      for (const stop of [...streams]) stop();
      streams.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      for (const conn of sessions.values()) backend.closeConnection(conn);
      sessions.clear();
    },
  };
}

function sameSecret(expected: Buffer, presented: string): boolean {
  const given = Buffer.from(presented, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return type.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

function parseJsonObject(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function rejectBody(req: IncomingMessage, res: ServerResponse, reason: 'too-large' | 'aborted' | 'busy', limit: number, budget: BodyBudget): void {
  if (reason === 'aborted' || res.destroyed) {
    res.destroy();
    return;
  }
  if (reason === 'busy') {
    // The rest of the body is read and dropped (no memory held), up to the per-request limit, and
    // the connection stays open: a socket closed on unread data is reset, and the client (a
    // browser still uploading) could lose this answer with it.
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > limit) req.destroy();
    });
    req.resume();
    const mib = (n: number) => `${Math.ceil(n / (1024 * 1024))} MiB`;
    res.setHeader('Retry-After', String(BUSY_RETRY_SECONDS));
    sendJson(res, 503, fail('BUSY', `the server is receiving as much request data as it holds at once (${mib(budget.capacity)}, other uploads in progress): nothing was done; try again in ${BUSY_RETRY_SECONDS} seconds`, {
      retryAfterMs: BUSY_RETRY_SECONDS * 1000,
    }));
    return;
  }
  // A body over the limit is not read: answer, then drop the socket instead of draining it.
  res.setHeader('Connection', 'close');
  res.on('finish', () => res.socket?.destroySoon());
  sendJson(res, 413, fail('VALIDATION', `request body larger than ${limit} bytes`));
}
