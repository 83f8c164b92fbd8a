export { createIncident, updateIncident, setIncidentStatus, addIncidentNote, getIncident, findIncident, type StatusMove } from './incidentStore';
export { describeTimeOrderConflict } from './describeTimeOrderConflict';
export { listIncidents, type IncidentQuery } from './listIncidents';
export { maskIncident } from './maskIncident';
