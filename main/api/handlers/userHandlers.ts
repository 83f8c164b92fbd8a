import { ApiFailure } from '../../../contract';
import {
  changeRole, checkUserChange, disableUser, enableUser, findUser, getUser, insertUser, listUsers, resetUserMfa, resetUserPassphrase, toPublicUser,
} from '../../auth';
import { appendEvent } from '../../timeline';
import { actorOf, type Handlers } from './Context';
import { requireStrong } from './requireStrong';

type UserMethods = 'users.list' | 'users.add' | 'users.setRole' | 'users.names' | 'users.disable' | 'users.enable' | 'users.resetPassphrase' | 'users.resetMfa';

export const userHandlers: Pick<Handlers, UserMethods> = {
  'users.list': (ctx) => listUsers(ctx.open().db),

  // The names offered for new assignments (owners): a disabled user can no longer take work on.
  'users.names': (ctx) => listUsers(ctx.open().db).filter((u) => u.status === 'active').map((u) => u.name),

  'users.add': async (ctx, { name, role, passphrase, mustChangePassphrase }) => {
    const { db, dataKey } = ctx.open();
    if (findUser(db, name) || ctx.vault.hasUserSlot(name)) throw new ApiFailure('ALREADY_EXISTS', `a user named ${name} already exists`);
    requireStrong(passphrase, name);
    // The slot first: if writing vault.json fails, no user exists who could never sign in.
    await ctx.vault.setUserPassphrase(name, passphrase, dataKey);
    const now = ctx.nowIso();
    return db.transaction(() => {
      const user = insertUser(db, name, role, now, mustChangePassphrase);
      appendEvent(db, { actor: actorOf(ctx).user, type: 'user.added', ts: now, data: { name, role, mustChangePassphrase } });
      return user;
    })();
  },

  'users.setRole': (ctx, { name, role }) => {
    const { db } = ctx.open();
    const changed = changeRole(db, { name, role, by: actorOf(ctx).user, now: ctx.nowIso() });
    if (!changed) return toPublicUser(getUser(db, name));
    // Windows still showing the old role's menus end; yours follows the change (you made it).
    ctx.revokeSessions(changed, 'role_changed');
    return toPublicUser(changed);
  },

  'users.disable': (ctx, { name, reason }) => {
    const { db } = ctx.open();
    const me = actorOf(ctx).user;
    const disabled = disableUser(db, { name, by: me, reason: reason ?? null, now: ctx.nowIso() }, () => ctx.vault.removeUserSlot(name, me));
    ctx.revokeSessions(disabled, 'disabled');
    return toPublicUser(disabled);
  },

  'users.enable': async (ctx, { name, newPassphrase }) => {
    const { db, dataKey } = ctx.open();
    const me = actorOf(ctx).user;
    // Refusals before the slow key derivation; the transaction (which must not await) checks again.
    checkUserChange(db, name, 'enable', me);
    requireStrong(newPassphrase, name, 'newPassphrase');
    const slot = await ctx.vault.prepareUserSlot(name, newPassphrase, dataKey);
    return toPublicUser(enableUser(db, { name, by: me, now: ctx.nowIso() }, () => ctx.vault.installUserSlot(slot)));
  },

  'users.resetPassphrase': async (ctx, { name, newPassphrase }) => {
    const { db, dataKey } = ctx.open();
    const me = actorOf(ctx).user;
    checkUserChange(db, name, 'reset-passphrase', me);
    requireStrong(newPassphrase, name, 'newPassphrase');
    const slot = await ctx.vault.prepareUserSlot(name, newPassphrase, dataKey);
    const reset = resetUserPassphrase(db, { name, by: me, now: ctx.nowIso() }, () => ctx.vault.installUserSlot(slot));
    ctx.revokeSessions(reset, 'passphrase_reset');
    return toPublicUser(reset);
  },

  'users.resetMfa': (ctx, { name }) => toPublicUser(resetUserMfa(ctx.open().db, { name, by: actorOf(ctx).user, now: ctx.nowIso() })),
};
