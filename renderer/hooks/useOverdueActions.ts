import { useCountFromLog } from './useCountFromLog';

/**
 * How many action items the session can see are overdue, again whenever an action item changes or
 * raises an alarm (an item becoming overdue is an `action.alarm` event). 0 when `enabled` is false.
 */
export function useOverdueActions(enabled: boolean): number {
  return useCountFromLog(enabled, 'action.', async (client) => {
    const r = await client.call('actions.list', { overdue: true, limit: 1 });
    return r.ok ? r.value.total : null;
  });
}
