import { ApiFailure, ROLES, type Role, type SessionRevokeReason, type User } from '../../contract';
import type { Db } from '../store';

interface UserRow {
  name: string;
  role: string;
  created_at: string;
  totp_sealed: string | null;
  totp_pending_sealed: string | null;
  /** From totp_legacy: a secret from before migration 0271, until its user's next sign-in seals it. */
  totp_legacy: string | null;
  totp_last_step: number | null;
  disabled_at: string | null;
  disabled_by: string | null;
  must_change_passphrase: number;
  session_epoch: number;
  sessions_revoked_for: string | null;
}

export interface UserRecord extends User {
  /**
   * The TOTP secret sealed under the user's own key (userKeys.ts, totpSeal.ts): only their
   * sign-in opens it. `legacy`: a plain one from before migration 0271, sealed at their next sign-in.
   */
  totp: { sealed: string | null; pendingSealed: string | null; legacy: string | null };
  totpLastStep: number | null;
  /** Raised by every revocation (disable, role change, passphrase reset): a session from an older epoch ends. */
  sessionEpoch: number;
  /** Why the epoch was last raised, so the ended session's window can say so. */
  sessionsRevokedFor: SessionRevokeReason | null;
}

const REVOKE_REASONS: readonly string[] = ['disabled', 'role_changed', 'passphrase_reset'] satisfies SessionRevokeReason[];

const toRecord = (r: UserRow): UserRecord => ({
  name: r.name,
  role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'auditor',
  createdAt: r.created_at,
  mfaEnrolled: r.totp_sealed !== null || r.totp_legacy !== null,
  status: r.disabled_at === null ? 'active' : 'disabled',
  disabledAt: r.disabled_at,
  disabledBy: r.disabled_by,
  mustChangePassphrase: r.must_change_passphrase === 1,
  totp: { sealed: r.totp_sealed, pendingSealed: r.totp_pending_sealed, legacy: r.totp_legacy },
  totpLastStep: r.totp_last_step,
  sessionEpoch: r.session_epoch,
  sessionsRevokedFor: r.sessions_revoked_for !== null && REVOKE_REASONS.includes(r.sessions_revoked_for) ? (r.sessions_revoked_for as SessionRevokeReason) : null,
});

export const toPublicUser = (u: UserRecord): User => ({
  name: u.name,
  role: u.role,
  mfaEnrolled: u.mfaEnrolled,
  createdAt: u.createdAt,
  status: u.status,
  disabledAt: u.disabledAt,
  disabledBy: u.disabledBy,
  mustChangePassphrase: u.mustChangePassphrase,
});

const SELECT_USERS = 'SELECT u.*, l.secret AS totp_legacy FROM users u LEFT JOIN totp_legacy l ON l.user = u.name';

export function findUser(db: Db, name: string): UserRecord | null {
  const row = db.prepare(`${SELECT_USERS} WHERE u.name = ?`).get(name) as UserRow | undefined;
  return row ? toRecord(row) : null;
}

export function getUser(db: Db, name: string): UserRecord {
  const u = findUser(db, name);
  if (!u) throw new ApiFailure('NOT_FOUND', `no user named ${name}`);
  return u;
}

export function listUsers(db: Db): User[] {
  return (db.prepare(`${SELECT_USERS} ORDER BY u.name`).all() as UserRow[]).map((r) => toPublicUser(toRecord(r)));
}

export function insertUser(db: Db, name: string, role: Role, now: string, mustChangePassphrase = false): User {
  if (findUser(db, name)) throw new ApiFailure('ALREADY_EXISTS', `a user named ${name} already exists`);
  db.prepare('INSERT INTO users (name, role, created_at, must_change_passphrase) VALUES (?, ?, ?, ?)').run(name, role, now, mustChangePassphrase ? 1 : 0);
  return toPublicUser(getUser(db, name));
}

/** A new role ends the user's sessions that started under the old one (see UserRecord.sessionEpoch). */
export function updateRole(db: Db, name: string, role: Role): void {
  db.prepare("UPDATE users SET role = ?, session_epoch = session_epoch + 1, sessions_revoked_for = 'role_changed' WHERE name = ?").run(role, name);
}

/** Administrators who can still sign in: the ones that count for "the last administrator". */
export function countActiveAdmins(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number }).n;
}

/** A pending enrolment's secret, sealed (totpSeal.ts); null ends it. */
export function setTotpPending(db: Db, name: string, sealed: string | null): void {
  db.prepare('UPDATE users SET totp_pending_sealed = ? WHERE name = ?').run(sealed, name);
}

/** The confirmed enrolment: the secret sealed, the confirming code's step used. */
export function enableTotp(db: Db, name: string, sealed: string, step: number): void {
  db.prepare('UPDATE users SET totp_sealed = ?, totp_pending_sealed = NULL, totp_last_step = ? WHERE name = ?').run(sealed, step, name);
}

export function recordTotpStep(db: Db, name: string, step: number): void {
  db.prepare('UPDATE users SET totp_last_step = ? WHERE name = ?').run(step, name);
}

/** The user chose their own passphrase: the forced change is done. */
export function clearMustChangePassphrase(db: Db, name: string): void {
  db.prepare('UPDATE users SET must_change_passphrase = 0 WHERE name = ?').run(name);
}
