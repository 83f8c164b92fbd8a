import type { SessionInfo } from '../../../contract';
import { findUser, permissionsFor } from '../../auth';
import type { Context } from './Context';
import type { Session } from '../Sessions';

export function sessionInfo(ctx: Context, s: Session, idleTimeoutMs: number): SessionInfo {
  const u = findUser(ctx.open().db, s.user);
  return { user: s.user, role: s.role, permissions: permissionsFor(s.role), mfaEnrolled: u?.mfaEnrolled ?? false, mustChangePassphrase: u?.mustChangePassphrase ?? false, idleTimeoutMs };
}
