import type { CallOptions, Result, Topic, Topics } from '../../../contract';
import type { Backend, Connection } from '../../../main/api/types';

type Listener = (payload: unknown) => void;

/**
 * Stands in for the backend in the HTTP host's own tests: it echoes calls and lets a test push
 * events. The CLI tests and the e2e suite run against the real backend.
 */
export interface FakeBackend extends Backend {
  /** `background: true` only on calls the page marked so (issue 13 §7). */
  calls: { connId: string; method: string; input: unknown; background?: true }[];
  closed: string[];
  emit<T extends Topic>(topic: T, payload: Topics[T]): void;
  listenerCount(): number;
}

export function fakeBackend(): FakeBackend {
  let next = 0;
  const listeners = new Map<Topic, Set<Listener>>();
  const calls: FakeBackend['calls'] = [];
  const closed: string[] = [];
  return {
    dataDir: '/nonexistent',
    calls,
    closed,
    handle: (conn: Connection, method: string, input: unknown, opts?: CallOptions): Promise<Result<unknown>> => {
      calls.push({ connId: conn.id, method, input, ...(opts?.background === true ? { background: true as const } : {}) });
      return Promise.resolve({ ok: true, value: { method, input, transport: conn.transport } });
    },
    subscribe<T extends Topic>(_conn: Connection, topic: T, cb: (payload: Topics[T]) => void): () => void {
      const set = listeners.get(topic) ?? new Set<Listener>();
      listeners.set(topic, set);
      set.add(cb as Listener);
      return () => set.delete(cb as Listener);
    },
    newConnection: (transport) => ({ id: `conn-${++next}`, transport, sessionId: null }),
    closeConnection: (conn) => {
      closed.push(conn.id);
    },
    close: () => undefined,
    emit: (topic, payload) => {
      for (const cb of listeners.get(topic) ?? []) cb(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}
