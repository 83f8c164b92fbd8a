export { addEvidence, listEvidence, readEvidence, evidenceDir, type NewEvidence } from './evidenceStore';
export { evidenceKey } from './evidenceCipher';
