import { isMethodName } from '../contract/api';
import type { PreloadBridge } from '../contract/client';
import { fail, type Result } from '../contract/errors';
import { TOPICS, type Topic } from '../contract/events';
import { API_CHANNEL, EVENT_CHANNEL } from './channels';

type EventListener = (event: unknown, message: unknown) => void;

/** The parts of Electron's ipcRenderer the bridge uses; it never leaves this module. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: EventListener): unknown;
  removeListener(channel: string, listener: EventListener): unknown;
}

function isTopic(topic: unknown): topic is Topic {
  return typeof topic === 'string' && (TOPICS as readonly string[]).includes(topic);
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'value' in value;
  if (ok !== false) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function isEventMessage(message: unknown): message is { topic: Topic; payload: unknown } {
  return typeof message === 'object' && message !== null && isTopic((message as { topic?: unknown }).topic);
}

/**
 * What `window.firebreak` is: one function to call a contract method and one to subscribe to a
 * push topic. The page gets payloads only — never ipcRenderer, its events or a channel name.
 * Subscriptions share one ipcRenderer listener, registered while any exists; each unsubscribe
 * removes exactly its own callback, so a component that unmounts stops receiving.
 */
export function createBridge(ipc: IpcRendererLike): PreloadBridge {
  const subscriptions = new Map<number, { topic: Topic; cb: (payload: unknown) => void }>();
  let nextId = 1;

  const dispatch: EventListener = (_event, message) => {
    if (!isEventMessage(message)) return;
    // Copy first: a callback may unsubscribe (itself or another) while we iterate.
    for (const { topic, cb } of [...subscriptions.values()]) {
      if (topic === message.topic) cb(message.payload);
    }
  };

  return {
    async call(method, input, opts) {
      if (typeof method !== 'string' || !isMethodName(method)) {
        return fail('UNKNOWN_METHOD', `unknown method: ${String(method)}`);
      }
      let reply: unknown;
      try {
        reply = await ipc.invoke(API_CHANNEL, { method, input, ...(opts?.background === true ? { background: true } : {}) });
      } catch {
        return fail('INTERNAL', 'the Firebreak main process did not answer');
      }
      return isResult(reply) ? reply : fail('INTERNAL', 'malformed reply from the main process');
    },

    subscribe(topic, cb) {
      if (!isTopic(topic)) throw new TypeError(`unknown topic: ${String(topic)}`);
      if (typeof cb !== 'function') throw new TypeError('subscribe needs a callback');
      if (subscriptions.size === 0) ipc.on(EVENT_CHANNEL, dispatch);
      const id = nextId++;
      subscriptions.set(id, { topic, cb });
      return () => {
        if (!subscriptions.delete(id)) return;
        if (subscriptions.size === 0) ipc.removeListener(EVENT_CHANNEL, dispatch);
      };
    },
  };
}
