import { DEFAULT_SYSLOG_SETTINGS, syslogSettingsSchema, type SyslogSettings } from '../../contract';
import type { Db } from '../store';

export const SYSLOG_SETTINGS_KEY = 'security.syslog';

/**
 * Where security records are also sent as syslog messages: the administrator's setting, else off.
 * A stored value the schema no longer accepts reads as off (and says `default`), never as a guess.
 */
export function getSyslogSettings(db: Db): SyslogSettings & { source: 'settings' | 'default' } {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SYSLOG_SETTINGS_KEY) as { value: string } | undefined;
  const stored = row ? syslogSettingsSchema.safeParse(JSON.parse(row.value)) : null;
  if (stored?.success) return { ...stored.data, source: 'settings' };
  return { ...DEFAULT_SYSLOG_SETTINGS, source: 'default' };
}
