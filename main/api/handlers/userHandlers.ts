import { ApiFailure } from '../../../contract';
import { countAdmins, findUser, getUser, insertUser, listUsers, toPublicUser, updateRole } from '../../auth';
import { appendEvent } from '../../timeline';
import { actorOf, type Handlers } from './Context';
import { requireStrong } from './requireStrong';

export const userHandlers: Pick<Handlers, 'users.list' | 'users.add' | 'users.setRole' | 'users.names'> = {
  'users.list': (ctx) => listUsers(ctx.open().db),

  'users.names': (ctx) => listUsers(ctx.open().db).map((u) => u.name),

  'users.add': async (ctx, { name, role, passphrase }) => {
    const { db, dataKey } = ctx.open();
    if (findUser(db, name) || ctx.vault.hasUserSlot(name)) throw new ApiFailure('ALREADY_EXISTS', `a user named ${name} already exists`);
    requireStrong(passphrase, name);
    // The slot first: if writing vault.json fails, no user exists who could never sign in.
    await ctx.vault.setUserPassphrase(name, passphrase, dataKey);
    const now = ctx.nowIso();
    return db.transaction(() => {
      const user = insertUser(db, name, role, now);
      appendEvent(db, { actor: actorOf(ctx).user, type: 'user.added', ts: now, data: { name, role } });
      return user;
    })();
  },

  'users.setRole': (ctx, { name, role }) => {
    const { db } = ctx.open();
    const before = getUser(db, name);
    if (before.role === role) return toPublicUser(before);
    if (before.role === 'admin' && countAdmins(db) === 1) {
      throw new ApiFailure('CONFLICT', `${name} is the last administrator; make another user admin first`);
    }
    db.transaction(() => {
      updateRole(db, name, role);
      appendEvent(db, { actor: actorOf(ctx).user, type: 'user.role_changed', ts: ctx.nowIso(), data: { name, from: before.role, to: role } });
    })();
    ctx.sessions.setRole(name, role);
    return toPublicUser(getUser(db, name));
  },
};
