import { ApiFailure, roleHas, type MethodName, type Permission } from '../../../contract';
import { appendEvent } from '../../timeline';
import { actorOf, type Context } from './Context';

/**
 * Refuses a part of a call that needs more than the method's own permission (a plan that holds
 * the database, a restore of the database), recorded like the router's refusals (`auth.denied`,
 * with the permission needed and what was asked). `what` reads after "may not"; `fix` says what
 * the caller can do instead.
 */
export function refuse(ctx: Context, method: MethodName, needs: Permission, what: string, fix: string): never {
  const { role, user } = actorOf(ctx);
  appendEvent(ctx.open().db, { actor: user, type: 'auth.denied', ts: ctx.nowIso(), data: { method, needs, role, what } });
  throw new ApiFailure('FORBIDDEN', `the ${role} role may not ${what} (needs ${needs}): ${fix}`);
}

/** Goes on when the caller's role has `needs`, else refuses (see refuse). */
export function requirePermission(ctx: Context, method: MethodName, needs: Permission, what: string, fix: string): void {
  if (!roleHas(actorOf(ctx).role, needs)) refuse(ctx, method, needs, what, fix);
}
