import { ApiFailure } from '../../../contract';
import {
  clearMustChangePassphrase, clearTotp, enableTotp, findUser, generateTotpSecret, getUser, insertUser, matchTotp, otpauthUrl, qrDataUrl,
  recordTotpStep, setTotpPending,
} from '../../auth';
import { appendEvent } from '../../timeline';

import { actorOf, type Context, type Handlers } from './Context';
import { requireStrong } from './requireStrong';
import { sessionInfo } from './sessionInfo';

type AuthMethods = 'vault.status' | 'vault.create' | 'vault.recover' | 'vault.exportKey' | 'vault.lock'
  | 'auth.login' | 'auth.logout' | 'auth.session' | 'auth.changePassphrase' | 'mfa.begin' | 'mfa.confirm';

const BAD_LOGIN = 'wrong user name or passphrase';
const disabledMessage = (user: string) => `the account ${user} is disabled: an administrator disabled it, and only an administrator can enable it again`;

/** Records a failed attempt now if the log is open, else at the next unlock (nothing is written while locked). */
function recordFailure(ctx: Context, user: string, reason: string, attempt: number): void {
  const event = { actor: user, type: 'auth.login_failed', data: { user, reason, attempt }, ts: ctx.nowIso() };
  if (ctx.isOpen()) appendEvent(ctx.open().db, event);
  else ctx.deferAudit(event);
}

function throttled(ctx: Context, key: string): void {
  const wait = ctx.throttle.retryAfter(key);
  if (wait > 0) {
    throw new ApiFailure('RATE_LIMITED', `too many failed attempts; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait });
  }
}

export function authHandlers(idleTimeoutMs: number): Pick<Handlers, AuthMethods> {
  return {
    'vault.status': (ctx) => ({
      initialized: ctx.vault.exists(),
      unlocked: ctx.isOpen(),
      dataDir: ctx.dataDir,
      adminUser: ctx.vault.adminName(),
    }),

    'vault.create': async (ctx, { admin, passphrase }) => {
      if (ctx.vault.exists()) throw new ApiFailure('ALREADY_EXISTS', 'a vault already exists in this data directory');
      requireStrong(passphrase, admin);
      const now = ctx.nowIso();
      let created: { recoveryKey: string };
      try {
        created = await ctx.vault.create(admin, passphrase, (dataKey) => {
          const { db } = ctx.unlockWith(dataKey);
          db.transaction(() => {
            insertUser(db, admin, 'admin', now);
            appendEvent(db, { actor: admin, type: 'vault.created', ts: now, data: { admin } });
            appendEvent(db, { actor: admin, type: 'auth.login', ts: now, data: { user: admin, transport: ctx.conn.transport } });
          })();
        });
      } catch (err) {
        // Half a vault is worse than none: drop the new database so creating again starts clean.
        if (!ctx.vault.exists() && ctx.isOpen()) {
          ctx.lock('locked');
          ctx.vault.discardOrphanDatabase();
        }
        throw err;
      }
      const { recoveryKey } = created;
      // A new user's session epoch is 0 (migration 0130).
      const session = ctx.sessions.start(admin, 'admin', 0);
      ctx.bindSession(session);
      return { recoveryKey, session: sessionInfo(ctx, session, idleTimeoutMs) };
    },

    'vault.recover': async (ctx, { recoveryKey, user, newPassphrase, resetMfa }) => {
      if (!ctx.vault.exists()) throw new ApiFailure('NOT_INITIALIZED', 'there is no vault in this data directory');
      throttled(ctx, '#recovery');
      const dataKey = await ctx.vault.unlockWithRecoveryKey(recoveryKey);
      if (!dataKey) {
        const n = ctx.throttle.fail('#recovery');
        recordFailure(ctx, user, 'recovery-key', n);
        throw new ApiFailure('BAD_CREDENTIALS', 'that recovery key does not open this vault');
      }
      ctx.throttle.succeed('#recovery');
      const wasOpen = ctx.isOpen();
      const { db } = ctx.isOpen() ? ctx.open() : ctx.unlockWith(dataKey);
      try {
        const record = findUser(db, user);
        if (!record) throw new ApiFailure('NOT_FOUND', `no user named ${user}`);
        // The recovery key is no side door back in for someone offboarded: enabling is logged as such.
        if (record.status === 'disabled') {
          throw new ApiFailure('CONFLICT', `${user} is disabled; an administrator can enable them, which sets a new passphrase`);
        }
        requireStrong(newPassphrase, user, 'newPassphrase');
        await ctx.vault.setUserPassphrase(user, newPassphrase, dataKey);
        db.transaction(() => {
          if (resetMfa) clearTotp(db, user);
          appendEvent(db, { actor: user, type: 'vault.recovered', ts: ctx.nowIso(), data: { user, mfaReset: resetMfa } });
        })();
      } finally {
        if (!wasOpen && ctx.sessions.count() === 0) ctx.lock('locked');
      }
      return { user };
    },

    'vault.exportKey': (ctx) => {
      const { db, dataKey } = ctx.open();
      appendEvent(db, { actor: actorOf(ctx).user, type: 'vault.key_exported', ts: ctx.nowIso(), data: { transport: ctx.conn.transport } });
      return { keyHex: dataKey.toString('hex') };
    },

    'vault.lock': (ctx) => {
      ctx.lock('locked');
      return { locked: true };
    },

    'auth.login': async (ctx, { user, passphrase, otp }) => {
      if (!ctx.vault.exists()) throw new ApiFailure('NOT_INITIALIZED', 'there is no vault yet: create one first');
      throttled(ctx, user);
      // Disabled users have no slot left; vault.json names them, so the refusal says why even while locked.
      if (ctx.vault.isDisabled(user)) {
        recordFailure(ctx, user, 'disabled', ctx.throttle.fail(user));
        throw new ApiFailure('ACCOUNT_DISABLED', disabledMessage(user));
      }
      const dataKey = await ctx.vault.unlockWithPassphrase(user, passphrase);
      if (!dataKey) {
        recordFailure(ctx, user, 'passphrase', ctx.throttle.fail(user));
        throw new ApiFailure('BAD_CREDENTIALS', BAD_LOGIN);
      }
      const wasOpen = ctx.isOpen();
      const { db } = wasOpen ? ctx.open() : ctx.unlockWith(dataKey);
      const relock = () => {
        if (!wasOpen && ctx.sessions.count() === 0) ctx.lock('locked');
      };
      const record = findUser(db, user);
      if (!record) {
        relock();
        throw new ApiFailure('BAD_CREDENTIALS', BAD_LOGIN);
      }
      // A slot can outlive the disabling (an older vault.json put back): the database decides.
      if (record.status === 'disabled') {
        recordFailure(ctx, user, 'disabled', ctx.throttle.fail(user));
        relock();
        throw new ApiFailure('ACCOUNT_DISABLED', disabledMessage(user));
      }
      if (record.totpSecret) {
        if (!otp) {
          relock();
          throw new ApiFailure('MFA_REQUIRED', 'enter the 6-digit code from your authenticator app');
        }
        const step = matchTotp(record.totpSecret, otp, ctx.nowMs());
        if (step === null || step <= (record.totpLastStep ?? -1)) {
          recordFailure(ctx, user, step === null ? 'totp' : 'totp-replay', ctx.throttle.fail(user));
          relock();
          throw new ApiFailure('BAD_CREDENTIALS', step === null ? 'wrong authentication code' : 'that code was already used; wait for the next one');
        }
        recordTotpStep(db, user, step);
      }
      ctx.throttle.succeed(user);
      const session = ctx.sessions.start(user, record.role, record.sessionEpoch);
      appendEvent(db, {
        actor: user, type: 'auth.login', ts: ctx.nowIso(),
        data: { user, transport: ctx.conn.transport, mfa: record.totpSecret !== null, ...(record.mustChangePassphrase ? { mustChangePassphrase: true } : {}) },
      });
      ctx.bindSession(session);
      return sessionInfo(ctx, session, idleTimeoutMs);
    },

    'auth.logout': (ctx) => {
      ctx.endSession('logout');
      return { signedOut: true };
    },

    'auth.session': (ctx) => (ctx.session && ctx.isOpen() ? sessionInfo(ctx, ctx.session, idleTimeoutMs) : null),

    'auth.changePassphrase': async (ctx, { current, next }) => {
      const me = actorOf(ctx).user;
      throttled(ctx, me);
      const dataKey = await ctx.vault.unlockWithPassphrase(me, current);
      if (!dataKey) {
        recordFailure(ctx, me, 'change-passphrase', ctx.throttle.fail(me));
        throw new ApiFailure('BAD_CREDENTIALS', 'the current passphrase is wrong');
      }
      if (next === current) {
        const why = 'the new passphrase must differ from the current one';
        throw new ApiFailure('VALIDATION', why, { issues: [`next: ${why}`] });
      }
      requireStrong(next, me, 'next');
      await ctx.vault.setUserPassphrase(me, next, dataKey);
      const { db } = ctx.open();
      const forced = getUser(db, me).mustChangePassphrase;
      db.transaction(() => {
        if (forced) clearMustChangePassphrase(db, me);
        appendEvent(db, { actor: me, type: 'user.passphrase_changed', ts: ctx.nowIso(), data: { user: me, ...(forced ? { required: true } : {}) } });
      })();
      return { changed: true };
    },

    'mfa.begin': async (ctx) => {
      const me = actorOf(ctx).user;
      const secret = generateTotpSecret();
      setTotpPending(ctx.open().db, me, secret);
      const url = otpauthUrl(me, secret);
      return { secret, otpauthUrl: url, qrDataUrl: await qrDataUrl(url) };
    },

    'mfa.confirm': (ctx, { code }) => {
      const me = actorOf(ctx).user;
      const { db } = ctx.open();
      const record = getUser(db, me);
      if (!record.totpPending) throw new ApiFailure('CONFLICT', 'start enrolment first (mfa.begin)');
      const step = matchTotp(record.totpPending, code, ctx.nowMs());
      if (step === null) throw new ApiFailure('BAD_CREDENTIALS', 'that code does not match; check the time on this machine and your phone');
      db.transaction(() => {
        // The confirming code's step counts as used, so it cannot also sign in.
        enableTotp(db, me, record.totpPending!, step);
        appendEvent(db, { actor: me, type: 'mfa.enrolled', ts: ctx.nowIso(), data: { user: me } });
      })();
      return { enrolled: true };
    },
  };
}

