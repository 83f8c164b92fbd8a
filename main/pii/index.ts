export { generateKeyPair, openSealed, parseSealed, sealTo, type KeyPair, type Sealed } from './sealTo';
export {
  currentPiiKey, forgetPiiKey, heldPiiKey, holdPiiKey, type HeldPiiKey, pendingPiiGrants, piiKeyringOf, revokePiiAccess, settleIdentity, settlePiiAccess, sweepPiiGrants,
  PII_ROLES, type PiiKeyring, type PiiSettlement,
} from './piiKeys';
export { isEnvelope, openEnvelope, sealerFor, subjectOfIncident, subjectsOfIncident, subjectState, type Envelope, type IncidentSubject, type SubjectState } from './envelopes';
export { openEventData, holdsEnvelopes } from './openEventData';
export { personalOpener } from './personalOpener';
export { shredSubject } from './shredSubject';
