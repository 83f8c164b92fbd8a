/**
 * The one place that knows which transport carries the API: the Electron preload bridge when
 * it exists, otherwise browser mode over loopback HTTP. Everything else sees a `Transport`.
 */
import type { PreloadBridge, Topic, Topics, Transport } from '../../contract';
import { createHttpTransport, exchangeToken } from './httpTransport';

declare global {
  interface Window {
    firebreak?: PreloadBridge;
  }
}

export async function selectTransport(): Promise<Transport> {
  const bridge = window.firebreak;
  if (bridge !== undefined) {
    return {
      call: (method, input) => bridge.call(method, input),
      subscribe: <T extends Topic>(topic: T, cb: (payload: Topics[T]) => void) =>
        bridge.subscribe(topic, (payload) => cb(payload as Topics[T])),
    };
  }
  // False is fine: a reloaded tab has no token any more but still holds its cookie.
  await exchangeToken();
  return createHttpTransport();
}
