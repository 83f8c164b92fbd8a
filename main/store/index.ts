export { openDatabase, type Db } from './openDatabase';
export { migrate } from './migrate';
export { MIGRATIONS } from './migrations';
export type { Migration } from './Migration';
export { writeFileAtomic } from './writeFileAtomic';
export { nativeBindingPath } from './nativeBinding';
export { personalScrubber, addPersonalValues, PERSONAL_EVENTS_SQL } from './personalScrubber';
export { rescrubEvents, rescrubIncident } from './searchIndex';
