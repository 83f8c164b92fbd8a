import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, type AlertSettingsView } from '../../contract';
import type { Db } from '../store';

export const ALERT_SETTINGS_KEY = 'security.alerts';

/**
 * The alert rules' settings: the administrator's, else the defaults. A stored value the schema no
 * longer accepts reads as the defaults rather than failing: the rules must keep running on a
 * setting written by another version.
 */
export function getAlertSettings(db: Db): AlertSettingsView {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ALERT_SETTINGS_KEY) as { value: string } | undefined;
  const stored = row ? alertSettingsSchema.safeParse(JSON.parse(row.value)) : null;
  if (stored?.success) return { ...stored.data, source: 'settings' };
  return { ...structuredClone(DEFAULT_ALERT_SETTINGS), source: 'default' };
}
