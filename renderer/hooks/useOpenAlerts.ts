import { useEffect, useRef, useState } from 'react';
import { useClient } from './useClient';
import { usePush } from './usePush';

/**
 * How many security alerts are open: read once, and again when the log says one was raised or
 * acknowledged. No polling, so an unattended session still locks. 0 when `enabled` is false.
 */
export function useOpenAlerts(enabled: boolean): number {
  const client = useClient();
  const [count, setCount] = useState(0);
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!enabled) {
      setCount(0);
      return undefined;
    }
    let live = true;
    void client.call('alerts.openCount', {}).then((r) => {
      if (live && r.ok) setCount(r.value.open);
    });
    return () => {
      live = false;
    };
  }, [client, enabled, generation]);
  usePush('timeline.appended', (event) => {
    if (!enabled || !event.type.startsWith('security.alert')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setGeneration((g) => g + 1), 300);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return count;
}
