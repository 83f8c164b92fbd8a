export { generateKeyPair, openSealed, parseSealed, sealTo, type KeyPair, type Sealed } from './sealTo';
export {
  currentPiiKey, forgetPiiKey, heldPiiKey, holdPiiKey, type HeldPiiKey, pendingPiiGrants, piiKeyringOf, recoverPiiAccess, registerRecoveryKey, revokePiiAccess, settleIdentity, settlePiiAccess,
  sweepPiiGrants, PII_ROLES, type PiiKeyring, type PiiRecovery, type PiiSettlement,
} from './piiKeys';
export { recoveryKeyPair, recoveryPublicKey, registerRecoveryHolder } from './recoveryHolder';
export { isEnvelope, openEnvelope, sealerFor, subjectOfIncident, subjectsOfIncident, subjectState, type Envelope, type IncidentSubject, type SubjectState } from './envelopes';
export { openEventData, holdsEnvelopes } from './openEventData';
export { personalOpener } from './personalOpener';
export { shredSubject } from './shredSubject';
export { appendShredLedger, mergeShredLedger, readShredLedger, SHRED_LEDGER_FILE, shredLedgerPath, type ShredLedgerEntry } from './shredLedger';
