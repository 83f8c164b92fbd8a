export { addPlan, getPlan, listPlans, removePlan } from './planStore';
export { runBackup, type BackupScope, type BackupProgress } from './runBackup';
export { getBackup, listBackups } from './backupStore';
export { backupIdentity } from './backupIdentity';
export { describeSchedule } from './describeSchedule';
export { verifyBackup, type CheckScope } from './verifyBackup';
export { restoreBackup } from './restoreBackup';
export { drillBackup } from './drillBackup';
export { pruneBackups } from './pruneBackups';
