export { createIncident, updateIncident, setIncidentStatus, addIncidentNote, getIncident, findIncident, type StatusMove } from './incidentStore';
export { listIncidents, type IncidentQuery } from './listIncidents';
export { maskIncident } from './maskIncident';
// Pure, in contract/ since the store's search index scrubs with it too (docs/security.md).
export { PiiScrubber, TEXT_WITHHELD, WITHHELD } from '../../contract';
export { incidentScrubber } from './incidentScrubber';
export { eraseIncidentPersonalData } from './eraseIncidentPersonalData';
export { reapplyShredLedger, type ShredLedgerReapplied } from './reapplyShredLedger';
export { maskQueuedTexts } from './maskedCopies';
