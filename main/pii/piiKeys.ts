import { ROLE_PERMISSIONS, type Role } from '../../contract';
import { checkpointWal, purgeTable, type Db } from '../store';
import { unwrapKey, wrapKey, type Wrapped } from '../vault';
import { grantRecoveryHolder, openRecoveryGrant, regrantRecoveryHolder, registerRecoveryHolder } from './recoveryHolder';
import { generateKeyPair, openSealed, parseSealed, sealTo, type KeyPair } from './sealTo';

/** The definitions purgeTable rewrites these tables with (as migrations 0300 and 0310 made them). */
export const PII_GRANTS = `(
  user TEXT NOT NULL REFERENCES users(name),
  epoch INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user, epoch)
) STRICT`;
const PII_ESCROW = `(
  epoch INTEGER PRIMARY KEY,
  private_key TEXT NOT NULL,
  since TEXT NOT NULL
) STRICT`;
export const DATA_SUBJECTS = `(
  id TEXT PRIMARY KEY,
  incident_ref TEXT NOT NULL,
  epoch INTEGER,
  sealed TEXT,
  created_at TEXT NOT NULL,
  shredded_at TEXT,
  shredded_by TEXT,
  shred_reason TEXT,
  part TEXT NOT NULL DEFAULT 'incident',
  CHECK ((sealed IS NULL) = (shredded_at IS NOT NULL)),
  UNIQUE (incident_ref, part)
) STRICT`;

/** The roles whose users hold the personal-data key (contract/roles.ts). */
export const PII_ROLES: readonly Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('pii:read'));
const inList = PII_ROLES.map((r) => `'${r}'`).join(', ');

const grantAad = (user: string, epoch: number): string => `firebreak-pii-grant-v1|${user}|${epoch}`;
const identityAad = (user: string): string => `firebreak-pii-identity-v1|${user}`;
export const subjectAad = (subject: string, epoch: number): string => `firebreak-pii-subject-v1|${subject}|${epoch}`;

/**
 * The personal-data key (PKEK) this process holds, per connection: from the sign-in of a user
 * whose grant opens it until the vault locks (the connection closes). Opened subject keys are
 * cached beside it. In memory only.
 */
export interface PiiKeyring {
  epoch: number;
  pair: KeyPair;
  subjects: Map<string, Buffer>;
}
const rings = new WeakMap<Db, PiiKeyring>();

export function piiKeyringOf(db: Db): PiiKeyring | null {
  return rings.get(db) ?? null;
}

function hold(db: Db, epoch: number, pair: KeyPair): PiiKeyring {
  forgetPiiKey(db);
  const ring = { epoch, pair, subjects: new Map<string, Buffer>() };
  rings.set(db, ring);
  return ring;
}

/** The held key, to hand to another connection of this process (the report worker's); null when none is held. */
export interface HeldPiiKey {
  epoch: number;
  publicKey: string;
  privateKey: string;
}
export function heldPiiKey(db: Db): HeldPiiKey | null {
  const ring = rings.get(db);
  return ring ? { epoch: ring.epoch, ...ring.pair } : null;
}

/** Holds a key handed over from the backend's connection (the report worker's own connection). */
export function holdPiiKey(db: Db, key: HeldPiiKey): void {
  hold(db, key.epoch, { publicKey: key.publicKey, privateKey: key.privateKey });
}

/** Drops the key and every opened subject key (the vault locks, or the key was rotated). */
export function forgetPiiKey(db: Db): void {
  const ring = rings.get(db);
  if (!ring) return;
  for (const k of ring.subjects.values()) k.fill(0);
  ring.pair = { publicKey: ring.pair.publicKey, privateKey: '' };
  rings.delete(db);
}

/** The current epoch of the personal-data key and its public half (anyone may seal to it). */
export function currentPiiKey(db: Db): { epoch: number; publicKey: string } {
  const row = db.prepare('SELECT epoch, public_key AS publicKey FROM pii_keys ORDER BY epoch DESC LIMIT 1').get() as { epoch: number; publicKey: string } | undefined;
  if (!row) throw new Error('no personal-data key: migration 300 has not run');
  return row;
}

/**
 * The user's X25519 key pair: the public half in `users`, the private half sealed under the
 * user's own key (main/auth userKeys), so only their sign-in opens it. Made (or made again, when
 * the user's key changed and the old private half no longer opens) at sign-in; a new pair voids
 * the grants made to the old one.
 */
export function settleIdentity(db: Db, user: string, userKey: Buffer): KeyPair {
  const row = db.prepare('SELECT pii_public AS pub, pii_private_sealed AS sealed FROM users WHERE name = ?').get(user) as { pub: string | null; sealed: string | null } | undefined;
  if (row?.pub && row.sealed) {
    const opened = unwrapKey(userKey, JSON.parse(row.sealed) as Wrapped, identityAad(user));
    if (opened) return { publicKey: row.pub, privateKey: opened.toString('utf8') };
  }
  const pair = generateKeyPair();
  db.transaction(() => {
    db.prepare('UPDATE users SET pii_public = ?, pii_private_sealed = ? WHERE name = ?')
      .run(pair.publicKey, JSON.stringify(wrapKey(userKey, Buffer.from(pair.privateKey, 'utf8'), identityAad(user))), user);
    if (db.prepare('DELETE FROM pii_grants WHERE user = ?').run(user).changes > 0) purgeTable(db, 'pii_grants', PII_GRANTS);
  })();
  return pair;
}

function grant(db: Db, user: string, publicKey: string, ring: Pick<PiiKeyring, 'epoch' | 'pair'>, by: string, now: string): void {
  const sealed = sealTo(publicKey, Buffer.from(ring.pair.privateKey, 'utf8'), grantAad(user, ring.epoch));
  db.prepare('INSERT OR REPLACE INTO pii_grants (user, epoch, sealed, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)')
    .run(user, ring.epoch, JSON.stringify(sealed), by, now);
}

/** What a sign-in did about the personal-data key, for its log event. */
export interface PiiSettlement {
  /** The session's process now holds the key. */
  holds: boolean;
  /** The key left the escrow of migration 300 (first holder after the upgrade). */
  claimed: boolean;
  /** Users whose pending grant this sign-in completed. */
  granted: string[];
  /** The recovery key was granted the key now (an older vault's first holder sign-in after its recovery key was used). */
  recoveryGranted: boolean;
}

/**
 * At sign-in (and vault creation), with the user's own key: their key pair settled, and for a
 * role with pii:read the personal-data key opened from their grant — or taken from the escrow of
 * migration 300, or granted from the key this process already holds — and then granted to every
 * pii:read user whose grant is pending (they have a key pair, no grant: added, or their role
 * changed, while no holder was signed in).
 */
export function settlePiiAccess(db: Db, user: string, role: Role, userKey: Buffer, now: string): PiiSettlement {
  const identity = settleIdentity(db, user, userKey);
  const none: PiiSettlement = { holds: false, claimed: false, granted: [], recoveryGranted: false };
  if (!PII_ROLES.includes(role)) return none;
  const { epoch, publicKey } = currentPiiKey(db);
  let claimed = false;
  const row = db.prepare('SELECT sealed FROM pii_grants WHERE user = ? AND epoch = ?').get(user, epoch) as { sealed: string } | undefined;
  const sealed = parseSealed(row?.sealed ?? null);
  const opened = sealed ? openSealed(identity, sealed, grantAad(user, epoch)) : null;
  if (opened) {
    hold(db, epoch, { publicKey, privateKey: opened.toString('utf8') });
  } else {
    const escrow = db.prepare('SELECT private_key AS k FROM pii_escrow WHERE epoch = ?').get(epoch) as { k: string } | undefined;
    const held = piiKeyringOf(db);
    if (escrow) {
      hold(db, epoch, { publicKey, privateKey: escrow.k });
      claimed = true;
    } else if (!held || held.epoch !== epoch) {
      return none;
    }
  }
  const ring = piiKeyringOf(db)!;
  const { granted, recoveryGranted } = db.transaction(() => {
    grant(db, user, identity.publicKey, ring, user, now);
    if (claimed) {
      db.prepare('DELETE FROM pii_escrow').run();
      purgeTable(db, 'pii_escrow', PII_ESCROW);
    }
    return { granted: sweepPiiGrants(db, user, now), recoveryGranted: grantRecoveryHolder(db, ring, user, now) };
  })();
  if (claimed) checkpointWal(db);
  return { holds: true, claimed, granted, recoveryGranted };
}

/** What a recovery did about the personal-data key, for the `vault.recovered` event (no secrets). */
export interface PiiRecovery {
  /** The recovery key's public half: recorded now (an older vault's first recovery), as recorded, or replacing another. */
  recoveryHolder: 'registered' | 'kept' | 'replaced';
  /**
   * The recovered user's grant: `granted` to their new key pair (opened through the recovery
   * key's grant, or from this process), `pending` (no grant for the recovery key yet: an older
   * vault's first recovery), or `none` for a role without pii:read.
   */
  piiKey: 'granted' | 'pending' | 'none';
  /** Where the granted key came from. */
  via?: 'recovery-key' | 'process';
  /** Pending users granted with it, and whether the recovery key was granted the key now. */
  granted: string[];
  recoveryGranted: boolean;
}

/**
 * `vault recover`: the recovery key (its key pair, derived from it) is a holder of the
 * personal-data key. The recovered user's new own key gets a new key pair, and for a role with
 * pii:read the key opened through the recovery key's grant (or held by this process) is granted
 * to it, so a vault whose only holder forgot their passphrase keeps its personal data. Runs in
 * the caller's transaction.
 */
export function recoverPiiAccess(db: Db, user: string, role: Role, userKey: Buffer, recovery: KeyPair, now: string): PiiRecovery {
  const recoveryHolder = registerRecoveryHolder(db, recovery.publicKey, user, now);
  const identity = settleIdentity(db, user, userKey);
  const none = { recoveryHolder, granted: [], recoveryGranted: false };
  if (!PII_ROLES.includes(role)) return { ...none, piiKey: 'none' };
  const { epoch, publicKey } = currentPiiKey(db);
  let via: 'recovery-key' | 'process' = 'process';
  if (piiKeyringOf(db)?.epoch !== epoch) {
    const opened = openRecoveryGrant(db, recovery, epoch);
    if (!opened) return { ...none, piiKey: 'pending' };
    hold(db, epoch, { publicKey, privateKey: opened.privateKey });
    via = 'recovery-key';
  }
  const ring = piiKeyringOf(db)!;
  grant(db, user, identity.publicKey, ring, user, now);
  return { recoveryHolder, piiKey: 'granted', via, granted: sweepPiiGrants(db, user, now), recoveryGranted: grantRecoveryHolder(db, ring, user, now) };
}

/**
 * Records the recovery key's public half and grants it the key this process holds (a vault from
 * before migration 320, whose recovery key an administrator typed in). Null when the key is not
 * held here (nothing is written). Runs in the caller's transaction.
 */
export function registerRecoveryKey(db: Db, recovery: KeyPair, by: string, now: string): { recoveryHolder: 'registered' | 'kept' | 'replaced'; piiKeyGranted: boolean } | null {
  const ring = piiKeyringOf(db);
  if (!ring || ring.epoch !== currentPiiKey(db).epoch) return null;
  const recoveryHolder = registerRecoveryHolder(db, recovery.publicKey, by, now);
  return { recoveryHolder, piiKeyGranted: grantRecoveryHolder(db, ring, by, now) };
}

/** Grants the held key to every active pii:read user with a key pair and no grant yet; their names. */
export function sweepPiiGrants(db: Db, by: string, now: string): string[] {
  const ring = piiKeyringOf(db);
  if (!ring) return [];
  const pending = db.prepare(
    `SELECT name, pii_public AS pub FROM users u WHERE role IN (${inList}) AND disabled_at IS NULL AND pii_public IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pii_grants g WHERE g.user = u.name AND g.epoch = ?) ORDER BY name`,
  ).all(ring.epoch) as { name: string; pub: string }[];
  for (const p of pending) grant(db, p.name, p.pub, ring, by, now);
  return pending.map((p) => p.name);
}

/** The users whose grant is pending: a pii:read role, and no grant at the current epoch. */
export function pendingPiiGrants(db: Db): string[] {
  const { epoch } = currentPiiKey(db);
  return (db.prepare(
    `SELECT name FROM users u WHERE role IN (${inList}) AND disabled_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM pii_grants g WHERE g.user = u.name AND g.epoch = ?) ORDER BY name`,
  ).all(epoch) as { name: string }[]).map((r) => r.name);
}

/**
 * A user leaves pii:read (a role change, disabling): their grant is deleted without a trace
 * (purgeTable) and, when this process holds the key, the key is rotated: a new key pair, every
 * subject key sealed to it again, granted to the remaining holders. Whoever kept a copy of the
 * old grant and their old passphrase can still open the old key, but no subject key made or
 * re-sealed from now on. Without the key at hand the grant goes and rotation waits (`rotated: false`).
 * Runs in the caller's transaction; checkpointWal after it.
 */
export function revokePiiAccess(db: Db, user: string, by: string, now: string): { rotated: boolean; epoch: number } {
  if (db.prepare('DELETE FROM pii_grants WHERE user = ?').run(user).changes > 0) purgeTable(db, 'pii_grants', PII_GRANTS);
  const ring = piiKeyringOf(db);
  if (!ring || ring.epoch !== currentPiiKey(db).epoch) return { rotated: false, epoch: currentPiiKey(db).epoch };
  const epoch = ring.epoch + 1;
  const next = generateKeyPair();
  db.prepare('INSERT INTO pii_keys (epoch, public_key, created_at, created_by) VALUES (?, ?, ?, ?)').run(epoch, next.publicKey, now, by);
  // One page at a time (keyset paging): memory stays bounded however many incidents there are.
  const page = db.prepare('SELECT id, epoch, sealed FROM data_subjects WHERE sealed IS NOT NULL AND id > ? ORDER BY id LIMIT 500');
  const reseal = db.prepare('UPDATE data_subjects SET epoch = ?, sealed = ? WHERE id = ?');
  for (let after = ''; ; ) {
    const subjects = page.all(after) as { id: string; epoch: number; sealed: string }[];
    for (const s of subjects) {
      const sealed = parseSealed(s.sealed);
      const key = sealed && s.epoch === ring.epoch ? openSealed(ring.pair, sealed, subjectAad(s.id, s.epoch)) : null;
      if (!key) throw new Error(`the key of data subject ${s.id} does not open with the personal-data key of epoch ${ring.epoch}`);
      reseal.run(epoch, JSON.stringify(sealTo(next.publicKey, key, subjectAad(s.id, epoch))), s.id);
      key.fill(0);
    }
    if (subjects.length < 500) break;
    after = subjects[subjects.length - 1]!.id;
  }
  hold(db, epoch, next);
  db.prepare('DELETE FROM pii_grants').run();
  purgeTable(db, 'pii_grants', PII_GRANTS);
  purgeTable(db, 'data_subjects', DATA_SUBJECTS);
  sweepPiiGrants(db, by, now);
  // The recovery key stays a holder across rotations: its old grant goes, the new key is sealed to it.
  regrantRecoveryHolder(db, { epoch, pair: next }, by, now);
  return { rotated: true, epoch };
}
