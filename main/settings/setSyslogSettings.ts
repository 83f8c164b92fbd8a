import type { SyslogSettings } from '../../contract';
import type { Db } from '../store';
import { getSyslogSettings, SYSLOG_SETTINGS_KEY } from './getSyslogSettings';
import { changedFields, writeSetting } from './writeSetting';

/**
 * Replaces the syslog destination (validated by the contract's schema) and records each changed
 * field, old and new, in the chain (`settings.changed`). Equal settings store and log nothing.
 */
export function setSyslogSettings(db: Db, settings: SyslogSettings, actor: string, now: string): SyslogSettings & { source: 'settings' | 'default' } {
  return db.transaction(() => {
    const { source: _source, ...before } = getSyslogSettings(db);
    writeSetting(db, SYSLOG_SETTINGS_KEY, settings, changedFields<SyslogSettings>(before, settings), actor, now);
    return getSyslogSettings(db);
  }).immediate();
}
