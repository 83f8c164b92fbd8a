import type { Permission, Role } from './roles';

export interface User {
  name: string;
  role: Role;
  mfaEnrolled: boolean;
  createdAt: string;
}

export interface SessionInfo {
  user: string;
  role: Role;
  permissions: Permission[];
  mfaEnrolled: boolean;
  /** Idle timeout: the session ends this long after the last call. */
  idleTimeoutMs: number;
}

export interface VaultStatus {
  initialized: boolean;
  unlocked: boolean;
  dataDir: string;
  /** The first administrator's name (from vault.json, readable while locked): the CLI's default `--user`. */
  adminUser: string | null;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  /** An SVG image of the QR code, as a data: URL (allowed by the CSP's img-src). */
  qrDataUrl: string;
}
