export { computeKpis, type KpiQuery } from './computeKpis';
export { MAX_SLOTS } from './backupKpis';
export { scopeOf, type KpiScope } from './KpiScope';
export { listScopeIncidents, type ScopeIncident, type ScopeCursor } from './listScopeIncidents';
export { listScopeActionItems, type ScopeActionItem, type ActionCursor } from './listScopeActionItems';
export { listScopeObligations, type ScopeObligation } from './listScopeObligations';
export type { StageState } from './stageState';
export { periodOf, previousPeriod, type Period } from './period';
