import { useEffect, useRef, useState } from 'react';
import { useClient } from './useClient';
import { usePush } from './usePush';

/**
 * How many action items the session can see are overdue: read once, and again when the log says
 * an action item changed or raised an alarm (an item becoming overdue is an `action.alarm` event).
 * No polling, so an unattended session still locks. 0 when `enabled` is false.
 */
export function useOverdueActions(enabled: boolean): number {
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
    void client.call('actions.list', { overdue: true, limit: 1 }).then((r) => {
      if (live && r.ok) setCount(r.value.total);
    });
    return () => {
      live = false;
    };
  }, [client, enabled, generation]);
  usePush('timeline.appended', (event) => {
    if (!enabled || !event.type.startsWith('action.')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setGeneration((g) => g + 1), 300);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return count;
}
