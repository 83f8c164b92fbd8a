import { useEffect, useRef, useState } from 'react';
import type { FirebreakClient } from '../../contract';
import { useClient } from './useClient';
import { usePush } from './usePush';

/**
 * A count for a badge, read once and again when the log appends an event whose type starts with
 * `typePrefix` (several in a burst read it once). No polling, so an unattended session still locks.
 * 0 when `enabled` is false; a failed read keeps the last count.
 */
export function useCountFromLog(enabled: boolean, typePrefix: string, read: (client: FirebreakClient) => Promise<number | null>): number {
  const client = useClient();
  const [count, setCount] = useState(0);
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The latest `read` without re-reading on every render (callers pass a new function each time).
  const reader = useRef(read);
  reader.current = read;
  useEffect(() => {
    if (!enabled) {
      setCount(0);
      return undefined;
    }
    let live = true;
    void reader.current(client).then((n) => {
      if (live && n !== null) setCount(n);
    });
    return () => {
      live = false;
    };
  }, [client, enabled, generation]);
  usePush('timeline.appended', (event) => {
    if (!enabled || !event.type.startsWith(typePrefix)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setGeneration((g) => g + 1), 300);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return count;
}
