import type { AlertSettings, AlertSettingsView } from '../../contract';
import type { Db } from '../store';
import { ALERT_SETTINGS_KEY, getAlertSettings } from './getAlertSettings';
import { changedFields, writeSetting } from './writeSetting';

/**
 * Replaces the alert rules' settings (validated by the contract's schema) and records each changed
 * field, old and new, in the chain (`settings.changed`). Equal settings store and log nothing.
 */
export function setAlertSettings(db: Db, settings: AlertSettings, actor: string, now: string): AlertSettingsView {
  return db.transaction(() => {
    const { source: _source, ...before } = getAlertSettings(db);
    writeSetting(db, ALERT_SETTINGS_KEY, settings, changedFields<AlertSettings>(before, settings), actor, now);
    return getAlertSettings(db);
  }).immediate();
}
