/**
 * Browser-mode transport: the same `Transport` the Electron preload provides, over
 * `fetch('/api')` and `EventSource('/events')`. The session lives in an HttpOnly cookie, so
 * nothing here ever holds a credential after `exchangeToken` has run.
 */
import type { CallOptions, MethodName, Result, Topic, Topics, Transport } from '../../contract';

type Listener = (payload: unknown) => void;

export function createHttpTransport(): Transport {
  const listeners = new Map<Topic, Set<Listener>>();
  let source: EventSource | null = null;

  const openSource = (): EventSource => {
    if (source !== null) return source;
    const created = new EventSource('/events');
    for (const topic of listeners.keys()) listenTo(created, topic);
    source = created;
    return created;
  };

  const listenTo = (target: EventSource, topic: Topic): void => {
    target.addEventListener(topic, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const cb of [...(listeners.get(topic) ?? [])]) cb(payload);
    });
  };

  return {
    call: async (method: MethodName, input: unknown, opts?: CallOptions): Promise<Result<unknown>> => {
      let response: Response;
      try {
        response = await fetch('/api', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ method, input, ...(opts?.background === true ? { background: true } : {}) }),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'the Firebreak server is not reachable' } };
      }
      try {
        const body: unknown = await response.json();
        if (isResult(body)) return body;
      } catch {
        // fall through: not a Result (a proxy page, a crash)
      }
      return { ok: false, error: { code: 'INTERNAL', message: `unexpected answer from the server (HTTP ${response.status})` } };
    },

    subscribe<T extends Topic>(topic: T, cb: (payload: Topics[T]) => void): () => void {
      const listener = cb as Listener;
      let set = listeners.get(topic);
      if (set === undefined) {
        set = new Set();
        listeners.set(topic, set);
        if (source !== null) listenTo(source, topic);
      }
      set.add(listener);
      openSource();
      return () => {
        set.delete(listener);
        const remaining = [...listeners.values()].reduce((n, s) => n + s.size, 0);
        if (remaining === 0 && source !== null) {
          source.close();
          source = null;
          listeners.clear();
        }
      };
    },
  };
}

/**
 * Trades the one-time `#token=` of the printed URL for the session cookie. The fragment is
 * removed from the address bar first, so it does not linger in history or on screen. Returns
 * false when there was no token or it was refused (an already-open tab still has its cookie).
 */
export async function exchangeToken(): Promise<boolean> {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token === null || token === '') return false;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  try {
    const response = await fetch('/session/exchange', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ token }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : value.ok === false && 'error' in value;
}
