export interface Evidence {
  id: string;
  incidentRef: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
  description: string;
}

export interface EvidenceContent {
  evidence: Evidence;
  dataBase64: string;
  /** The SHA-256 was recomputed on the way out and matched the one recorded at intake. */
  verified: true;
}

/** Largest upload accepted through the API (base64 in JSON). */
export const MAX_EVIDENCE_BYTES = 32 * 1024 * 1024;
