import { useEffect, useRef } from 'react';
import type { Topic, Topics } from '../../contract';
import { useClient } from './useClient';

/** Subscribes to a push topic for the component's lifetime; the latest callback is always used. */
export function usePush<T extends Topic>(topic: T, cb: (payload: Topics[T]) => void): void {
  const client = useClient();
  const cbRef = useRef(cb);
  cbRef.current = cb;
  useEffect(() => client.subscribe(topic, (payload) => cbRef.current(payload)), [client, topic]);
}
