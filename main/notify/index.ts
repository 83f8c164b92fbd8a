export { assessRegime, type AssessOptions } from './assessRegime';
export { assessRegimes } from './assessRegimes';
export { getBreachFacts, setBreachFacts, type StoredFacts } from './breachFactsStore';
export { builtinNotifyDir } from './builtinNotifyDir';
export { evaluateCondition } from './evaluateCondition';
export { loadHolidayCalendar, loadRegime, type DataFileProblem, type DataFileResult } from './loadRegime';
export { loadRegimeLibrary, type RegimeLibrary } from './RegimeLibrary';
export { deadlineBoard } from './deadlineBoard';
export { DEFAULT_ALARM_HOURS, raiseDeadlineAlarms } from './raiseDeadlineAlarms';
