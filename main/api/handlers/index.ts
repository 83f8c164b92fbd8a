import type { Handlers } from './Context';
import { authHandlers } from './authHandlers';
import { userHandlers } from './userHandlers';
import { incidentHandlers } from './incidentHandlers';
import { evidenceHandlers } from './evidenceHandlers';
import { runbookHandlers } from './runbookHandlers';
import { backupHandlers } from './backupHandlers';
import { notifyHandlers } from './notifyHandlers';
import { notifyDraftHandlers } from './notifyDraftHandlers';
import { settingsHandlers } from './settingsHandlers';
import { reportHandlers } from './reportHandlers';
import { reviewHandlers } from './reviewHandlers';
import { kpiHandlers } from './kpiHandlers';
import { alertHandlers } from './alertHandlers';
import { piiHandlers } from './piiHandlers';

/** Every method in the contract has exactly one handler; the type makes a missing one a compile error. */
export function allHandlers(idleTimeoutMs: number): Handlers {
  return { ...authHandlers(idleTimeoutMs), ...userHandlers, ...incidentHandlers, ...evidenceHandlers, ...runbookHandlers, ...backupHandlers, ...notifyHandlers, ...notifyDraftHandlers, ...settingsHandlers, ...reviewHandlers, ...reportHandlers, ...kpiHandlers, ...alertHandlers, ...piiHandlers };
}
export type { Context, Unlocked } from './Context';
