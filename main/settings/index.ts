export { ALARM_HOURS_KEY, getAlarmSettings } from './getAlarmSettings';
export { getLetterhead } from './getLetterhead';
export { getNotifyPlan, NOTIFY_PLAN_KEY } from './getNotifyPlan';
export { setAlarmSettings } from './setAlarmSettings';
export { setLetterhead } from './setLetterhead';
export { setNotifyPlan } from './setNotifyPlan';
export { ALERT_SETTINGS_KEY, getAlertSettings } from './getAlertSettings';
export { setAlertSettings } from './setAlertSettings';
