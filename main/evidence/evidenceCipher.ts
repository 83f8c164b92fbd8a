import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('FBEV1\n', 'ascii');
const NONCE = 12;
const TAG = 16;

/** A key for evidence files only, derived from the data key so one secret opens everything. */
export function evidenceKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'firebreak/evidence/v1', 32));
}

/** File layout: "FBEV1\n" ‖ nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16); the evidence id is the AAD. */
export function encryptEvidence(key: Buffer, id: string, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(id, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([MAGIC, nonce, body, c.getAuthTag()]);
}

/** Null when the file was altered, truncated or belongs to another id. */
export function decryptEvidence(key: Buffer, id: string, file: Buffer): Buffer | null {
  if (file.length < MAGIC.length + NONCE + TAG || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  try {
    const nonce = file.subarray(MAGIC.length, MAGIC.length + NONCE);
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(Buffer.from(id, 'utf8'));
    d.setAuthTag(file.subarray(file.length - TAG));
    return Buffer.concat([d.update(file.subarray(MAGIC.length + NONCE, file.length - TAG)), d.final()]);
  } catch {
    return null;
  }
}
