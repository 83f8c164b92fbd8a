export { createIncident, updateIncident, setIncidentStatus, addIncidentNote, getIncident, findIncident, type StatusMove } from './incidentStore';
export { listIncidents, type IncidentQuery } from './listIncidents';
export { maskIncident } from './maskIncident';
export { PiiScrubber, TEXT_WITHHELD, WITHHELD } from './PiiScrubber';
export { incidentScrubber } from './incidentScrubber';
export { eraseIncidentPersonalData } from './eraseIncidentPersonalData';
export { maskQueuedTexts } from './maskedCopies';
