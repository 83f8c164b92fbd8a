export { openDatabase, type Db } from './openDatabase';
export { migrate } from './migrate';
export { MIGRATIONS } from './migrations';
export type { Migration } from './Migration';
export { writeFileAtomic } from './writeFileAtomic';
export { nativeBindingPath } from './nativeBinding';
export { processAlive, readLockHolder, tryCreateLockFile, type LockHolder } from './lockFile';
export { vacuumIfPending } from './vacuumIfPending';
export { checkpointWal, purgeTable } from './purgeTable';
