import { useEffect, useState } from 'react';
import type { BackupScheduleStatus } from '../../contract';
import { useClient } from './useClient';
import { usePush } from './usePush';

/**
 * Who runs the backup schedules and each plan's state, loaded once and kept live by the
 * `backup.schedule` push. No polling: every call counts as the user's activity and would keep
 * an unattended session from locking (a daemon's state is read again on the next visit).
 * Null until loaded, or when `enabled` is false (no backup:read).
 */
export function useBackupSchedule(enabled: boolean): BackupScheduleStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<BackupScheduleStatus | null>(null);
  useEffect(() => {
    setStatus(null);
    if (!enabled) return undefined;
    let live = true;
    void client.call('backups.schedule', {}).then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    return () => {
      live = false;
    };
  }, [client, enabled]);
  usePush('backup.schedule', (next) => {
    if (enabled) setStatus(next);
  });
  return status;
}
