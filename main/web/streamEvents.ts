import type { ServerResponse } from 'node:http';
import { TOPICS } from '../../contract';
import type { Backend, Connection } from '../api/types';

/** Proxies and idle sockets drop silent streams; a comment line every so often keeps it open. */
const KEEPALIVE_MS = 25_000;

/**
 * Server-sent events for one connection: every contract topic, as `event: <topic>`. Returns the
 * cleanup, which the caller runs when the client goes away or the host shuts down.
 */
export function streamEvents(res: ServerResponse, backend: Backend, conn: Connection): () => void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.flushHeaders();
  res.write('retry: 3000\n\n');

  const unsubscribes = TOPICS.map((topic) =>
    backend.subscribe(conn, topic, (payload) => {
      res.write(`event: ${topic}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();

  let done = false;
  return () => {
    if (done) return;
    done = true;
    clearInterval(keepalive);
    for (const unsubscribe of unsubscribes) unsubscribe();
    res.end();
  };
}
