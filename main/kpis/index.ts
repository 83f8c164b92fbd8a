export { computeKpis, type KpiQuery } from './computeKpis';
export { MAX_SLOTS } from './backupKpis';
