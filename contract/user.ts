import type { Permission, Role } from './roles';

/** Why an administrator's action ended a user's sessions (`session.ended`, `auth.session_revoked`). */
export type SessionRevokeReason = 'disabled' | 'role_changed' | 'passphrase_reset';

export interface User {
  name: string;
  role: Role;
  mfaEnrolled: boolean;
  createdAt: string;
  /** `disabled`: cannot sign in, has no key slot; every record stays attributed to them. */
  status: 'active' | 'disabled';
  /** When and by whom the user was disabled (null while active). */
  disabledAt: string | null;
  disabledBy: string | null;
  /** An administrator set the passphrase (new user, reset, enable): the next sign-in must change it. */
  mustChangePassphrase: boolean;
}

export interface SessionInfo {
  user: string;
  role: Role;
  permissions: Permission[];
  mfaEnrolled: boolean;
  /**
   * An administrator set this passphrase: until the user changes it, the session may only change
   * it (auth.changePassphrase) or sign out; every other method answers PASSPHRASE_CHANGE_REQUIRED.
   */
  mustChangePassphrase: boolean;
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
