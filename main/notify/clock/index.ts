export { addPeriod, type PeriodOptions } from './addPeriod';
export { earliest } from './earliest';
export { formatInZone } from './formatInZone';
export { HolidayCalendarGapError } from './HolidayCalendarGapError';
export { HolidayCalendarMissingError } from './HolidayCalendarMissingError';
export { timeLeft } from './timeLeft';
export { yearEndOf } from './yearEndOf';
