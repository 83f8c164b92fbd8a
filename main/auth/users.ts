import { ApiFailure, ROLES, type Role, type User } from '../../contract';
import type { Db } from '../store';

interface UserRow {
  name: string;
  role: string;
  created_at: string;
  totp_secret: string | null;
  totp_last_step: number | null;
  totp_pending: string | null;
}

export interface UserRecord extends User {
  totpSecret: string | null;
  totpLastStep: number | null;
  totpPending: string | null;
}

const toRecord = (r: UserRow): UserRecord => ({
  name: r.name,
  role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'auditor',
  createdAt: r.created_at,
  mfaEnrolled: r.totp_secret !== null,
  totpSecret: r.totp_secret,
  totpLastStep: r.totp_last_step,
  totpPending: r.totp_pending,
});

export const toPublicUser = (u: UserRecord): User => ({ name: u.name, role: u.role, mfaEnrolled: u.mfaEnrolled, createdAt: u.createdAt });

export function findUser(db: Db, name: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
  return row ? toRecord(row) : null;
}

export function getUser(db: Db, name: string): UserRecord {
  const u = findUser(db, name);
  if (!u) throw new ApiFailure('NOT_FOUND', `no user named ${name}`);
  return u;
}

export function listUsers(db: Db): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map((r) => toPublicUser(toRecord(r)));
}

export function insertUser(db: Db, name: string, role: Role, now: string): User {
  if (findUser(db, name)) throw new ApiFailure('ALREADY_EXISTS', `a user named ${name} already exists`);
  db.prepare('INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)').run(name, role, now);
  return toPublicUser(getUser(db, name));
}

export function updateRole(db: Db, name: string, role: Role): void {
  db.prepare('UPDATE users SET role = ? WHERE name = ?').run(role, name);
}

export function countAdmins(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").get() as { n: number }).n;
}

export function setTotpPending(db: Db, name: string, secret: string | null): void {
  db.prepare('UPDATE users SET totp_pending = ? WHERE name = ?').run(secret, name);
}

export function enableTotp(db: Db, name: string, secret: string, step: number): void {
  db.prepare('UPDATE users SET totp_secret = ?, totp_pending = NULL, totp_last_step = ? WHERE name = ?').run(secret, step, name);
}

export function recordTotpStep(db: Db, name: string, step: number): void {
  db.prepare('UPDATE users SET totp_last_step = ? WHERE name = ?').run(step, name);
}

export function clearTotp(db: Db, name: string): void {
  db.prepare('UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE name = ?').run(name);
}
