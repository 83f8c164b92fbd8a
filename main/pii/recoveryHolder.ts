import { createPrivateKey, hkdfSync } from 'node:crypto';
import { purgeTable, type Db } from '../store';
import { openSealed, parseSealed, sealTo, type KeyPair } from './sealTo';

/** The definition purgeTable rewrites the grants with (as migration 0320 created it). */
const PII_RECOVERY_GRANTS = `(
  epoch INTEGER PRIMARY KEY,
  sealed TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL
) STRICT`;

/** HKDF label of the recovery key's X25519 key pair: its own, so no other key is derived the same way. */
const RECOVERY_IDENTITY_INFO = 'firebreak-pii-recovery-identity-v1';
const recoveryGrantAad = (epoch: number): string => `firebreak-pii-recovery-grant-v1|${epoch}`;
/** PKCS #8 DER of an X25519 private key, up to its 32 bytes (RFC 8410). */
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/**
 * The recovery key's X25519 key pair, derived from the (normalized) recovery key: 160 random
 * bits, so HKDF alone suffices (no passphrase to stretch). The recovery key is stored nowhere;
 * the pair exists in memory while a recovery or the vault's creation runs.
 */
export function recoveryKeyPair(recoveryKey: string): KeyPair {
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(recoveryKey, 'utf8'), Buffer.alloc(0), Buffer.from(RECOVERY_IDENTITY_INFO, 'utf8'), 32));
  try {
    const jwk = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    return { publicKey: jwk.x ?? '', privateKey: jwk.d ?? '' };
  } finally {
    seed.fill(0);
  }
}

/** The recovery key's public half as recorded in the database, or null (a vault from before migration 320 whose recovery key was never used). */
export function recoveryPublicKey(db: Db): string | null {
  const row = db.prepare('SELECT public_key AS k FROM pii_recovery WHERE id = 1').get() as { k: string } | undefined;
  return row?.k ?? null;
}

/**
 * Records the recovery key's public half. `registered`: there was none (a new vault, or the first
 * use of an older vault's recovery key); `kept`: the same; `replaced`: another one was recorded (a
 * vault.json with another recovery slot was put back), and its grants go, since the recovery key
 * that just opened vault.json is the one that counts. Runs in the caller's transaction.
 */
export function registerRecoveryHolder(db: Db, publicKey: string, by: string, now: string): 'registered' | 'kept' | 'replaced' {
  const known = recoveryPublicKey(db);
  if (known === publicKey) return 'kept';
  db.prepare('INSERT OR REPLACE INTO pii_recovery (id, public_key, registered_at, registered_by) VALUES (1, ?, ?, ?)').run(publicKey, now, by);
  if (known === null) return 'registered';
  if (db.prepare('DELETE FROM pii_recovery_grants').run().changes > 0) purgeTable(db, 'pii_recovery_grants', PII_RECOVERY_GRANTS);
  return 'replaced';
}

/**
 * Seals the personal-data key `ring` (the one this process holds, at the current epoch) to the recovery key's public half, when one is
 * recorded and has no grant at the current epoch (a new vault, an older vault's first holder
 * sign-in after its recovery key was used, a rotation). True when it granted now. Runs in the
 * caller's transaction.
 */
export function grantRecoveryHolder(db: Db, ring: { epoch: number; pair: KeyPair }, by: string, now: string): boolean {
  const publicKey = recoveryPublicKey(db);
  if (publicKey === null) return false;
  if (db.prepare('SELECT 1 FROM pii_recovery_grants WHERE epoch = ?').get(ring.epoch) !== undefined) return false;
  const sealed = sealTo(publicKey, Buffer.from(ring.pair.privateKey, 'utf8'), recoveryGrantAad(ring.epoch));
  db.prepare('INSERT INTO pii_recovery_grants (epoch, sealed, granted_by, granted_at) VALUES (?, ?, ?, ?)').run(ring.epoch, JSON.stringify(sealed), by, now);
  return true;
}

/**
 * A rotation made a new epoch: the grants of older epochs go without a trace (as users' grants
 * do), and the new key is granted. Runs in the caller's transaction (revokePiiAccess).
 */
export function regrantRecoveryHolder(db: Db, ring: { epoch: number; pair: KeyPair }, by: string, now: string): boolean {
  if (db.prepare('DELETE FROM pii_recovery_grants WHERE epoch <> ?').run(ring.epoch).changes > 0) purgeTable(db, 'pii_recovery_grants', PII_RECOVERY_GRANTS);
  return grantRecoveryHolder(db, ring, by, now);
}

/** The personal-data key's private half at the current epoch, opened with the recovery key's pair; null when it has no grant there (or is not the recovery key recorded). */
export function openRecoveryGrant(db: Db, pair: KeyPair, epoch: number): { epoch: number; privateKey: string } | null {
  const row = db.prepare('SELECT sealed FROM pii_recovery_grants WHERE epoch = ?').get(epoch) as { sealed: string } | undefined;
  const sealed = parseSealed(row?.sealed ?? null);
  const opened = sealed ? openSealed(pair, sealed, recoveryGrantAad(epoch)) : null;
  if (!opened) return null;
  const privateKey = opened.toString('utf8');
  opened.fill(0);
  return { epoch, privateKey };
}
