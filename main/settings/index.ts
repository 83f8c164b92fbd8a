export { ALARM_HOURS_KEY, getAlarmSettings } from './getAlarmSettings';
export { getLetterhead } from './getLetterhead';
export { setAlarmSettings } from './setAlarmSettings';
export { setLetterhead } from './setLetterhead';
