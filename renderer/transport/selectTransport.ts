/**
 * The one place that knows which transport carries the API: the Electron preload bridge when
 * it exists, otherwise browser mode over loopback HTTP. Everything else sees a `Transport`.
 */
import type { PreloadBridge, Topic, Topics, Transport } from '../../contract';
import { UserActivity } from '../lib/userActivity';
import { createHttpTransport, exchangeToken } from './httpTransport';

declare global {
  interface Window {
    firebreak?: PreloadBridge;
  }
}

export async function selectTransport(): Promise<Transport> {
  return markBackgroundCalls(await carrier(), window);
}

async function carrier(): Promise<Transport> {
  const bridge = window.firebreak;
  if (bridge !== undefined) {
    return {
      call: (method, input, opts) => bridge.call(method, input, opts),
      subscribe: <T extends Topic>(topic: T, cb: (payload: Topics[T]) => void) =>
        bridge.subscribe(topic, (payload) => cb(payload as Topics[T])),
    };
  }
  // False is fine: a reloaded tab has no token any more but still holds its cookie.
  await exchangeToken();
  return createHttpTransport();
}

/**
 * Every call not caused by the user's own input is sent as `background`, so refetches after push
 * events and timers never keep the session from going idle (issue 13 §7; lib/userActivity.ts).
 */
export function markBackgroundCalls(transport: Transport, target: Pick<Window, 'addEventListener' | 'removeEventListener'>, activity = new UserActivity()): Transport {
  activity.watch(target);
  return {
    call: (method, input, opts) => transport.call(method, input, opts ?? { background: activity.isBackground() }),
    subscribe: transport.subscribe,
  };
}
