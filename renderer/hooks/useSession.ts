import { createContext, useContext } from 'react';
import type { Permission, SessionInfo } from '../../contract';

export interface SessionControls {
  session: SessionInfo;
  /** Re-reads the session (after MFA enrolment, a role change). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  lock: () => Promise<void>;
}

export const SessionContext = createContext<SessionControls | null>(null);

export function useSession(): SessionControls {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside <SessionContext>');
  return value;
}

/** Whether the signed-in role carries a permission: decides which controls exist at all. */
export function useCan(permission: Permission): boolean {
  return useSession().session.permissions.includes(permission);
}
