import { useEffect, useRef } from 'react';
import type { BackupCheckRecord } from '../../contract';
import { TREND_MAX_BARS } from '../lib/drillTrend';
import { useApiResource, type Resource } from './useApiResource';
import { useClient } from './useClient';

/**
 * A plan's latest drills, as recorded (`backups.checks`, drills only): every drill is its own
 * record, so a check run after one never takes it off the chart, on this page or after a reload.
 * Fetched again whenever `changed` does (the plan's backups were reloaded: something was checked),
 * keeping the bars on screen meanwhile.
 */
export function usePlanDrills(plan: string, changed: unknown): Resource<BackupCheckRecord[]> {
  const client = useClient();
  const drills = useApiResource(() => client.call('backups.checks', { plan, level: 'drill', limit: TREND_MAX_BARS }), [client, plan]);
  const first = useRef(true);
  useEffect(() => {
    // The first render's load is the resource's own.
    if (first.current) {
      first.current = false;
      return;
    }
    void drills.reload();
  }, [changed]); // reload() is stable
  return drills;
}
