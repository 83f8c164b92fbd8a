import { useCountFromLog } from './useCountFromLog';

/** How many security alerts are open, again whenever one is raised or acknowledged. 0 when `enabled` is false. */
export function useOpenAlerts(enabled: boolean): number {
  return useCountFromLog(enabled, 'security.alert', async (client) => {
    const r = await client.call('alerts.openCount', {});
    return r.ok ? r.value.open : null;
  });
}
