export { acknowledgeAlert, countOpenAlerts, getAlert, listAlerts } from './alertStore';
export { evaluateEvent } from './evaluateEvent';
export { isWorkingTime } from './isWorkingTime';
export { watchSecurity } from './watchSecurity';
export { accessReport } from './accessReport';
export { recordPersonalDataView } from './recordPersonalDataView';
export { SecurityStream, SECURITY_STREAM_FILE, type SecurityStreamOptions } from './SecurityStream';
export { SECURITY_EVENT_TYPES, toSecurityRecord, type SecurityRecord } from './toSecurityRecord';
