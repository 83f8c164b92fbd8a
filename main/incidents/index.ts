export { createIncident, updateIncident, setIncidentStatus, addIncidentNote, getIncident, findIncident, type StatusMove } from './incidentStore';
export { listIncidents, type IncidentQuery } from './listIncidents';
export { maskIncident } from './maskIncident';
