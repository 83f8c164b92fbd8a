/**
 * The typed client the renderer (and tests) use. It is built over any transport that can carry
 * `{method, input}` and bring back a Result, so the UI cannot tell IPC from HTTP.
 */
import type { MethodInput, MethodName, MethodOutput } from './api';
import type { Result } from './errors';
import type { Topic, Topics } from './events';

/**
 * How a call came about. `background`: not from the user's hand — a refetch after a push event, a
 * timer, a poll. Such a call is answered like any other but does not keep the session from going
 * idle (issue 13 §7): only what the user does does that.
 */
export interface CallOptions {
  background?: boolean;
}

// Function-typed properties, not methods: callers pass `client.call` around unbound.
export interface Transport {
  call: (method: MethodName, input: unknown, opts?: CallOptions) => Promise<Result<unknown>>;
  subscribe: <T extends Topic>(topic: T, cb: (payload: Topics[T]) => void) => () => void;
}

export interface FirebreakClient {
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
  subscribe: <T extends Topic>(topic: T, cb: (payload: Topics[T]) => void) => () => void;
}

export function createClient(transport: Transport): FirebreakClient {
  return {
    call: <M extends MethodName>(method: M, input: MethodInput<M>) =>
      transport.call(method, input) as Promise<Result<MethodOutput<M>>>,
    subscribe: (topic, cb) => transport.subscribe(topic, cb),
  };
}

/** The object preload exposes on `window.firebreak` in Electron (browser mode builds the same over HTTP). */
export interface PreloadBridge {
  call: (method: MethodName, input: unknown, opts?: CallOptions) => Promise<Result<unknown>>;
  subscribe: (topic: Topic, cb: (payload: unknown) => void) => () => void;
}
