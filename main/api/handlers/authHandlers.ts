import { ApiFailure } from '../../../contract';
import { randomBytes } from 'node:crypto';
import {
  clearMustChangePassphrase, clearUserSecrets, createUserKey, dropUserKeys, enableTotp, findUser, generateTotpSecret, getUser, insertUser, matchTotp,
  openTotp, openUserKey, otpauthUrl, qrDataUrl, recordTotpStep, sealTotp, setTotpPending, settleUserSecrets, totpForSignIn, wrapUserKey,
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
      let userKey: Buffer | null = null;
      try {
        created = await ctx.vault.create(admin, passphrase, (dataKey, adminSlot) => {
          const { db } = ctx.unlockWith(dataKey);
          db.transaction(() => {
            insertUser(db, admin, 'admin', now);
            userKey = createUserKey(db, adminSlot, now);
            adminSlot.kek.fill(0);
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
      const session = ctx.sessions.start(admin, 'admin', 0, userKey);
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
        // The TOTP secret is sealed under a key only the forgotten passphrase unwraps: recovery
        // cannot carry it over, and does not drop it unasked (docs/security.md).
        if (record.mfaEnrolled && !resetMfa) {
          throw new ApiFailure(
            'CONFLICT',
            `${user}'s two-factor secret is sealed under the passphrase being replaced, which the recovery key cannot open: recover again with two-factor reset (resetMfa, --reset-mfa), then ${user} enrols again after signing in`,
          );
        }
        const slot = await ctx.vault.prepareUserSlot(user, newPassphrase, dataKey);
        db.transaction(() => {
          clearUserSecrets(db, user, { keys: true });
          appendEvent(db, { actor: user, type: 'vault.recovered', ts: ctx.nowIso(), data: { user, mfaReset: resetMfa } });
          ctx.vault.installUserSlot(slot);
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
      const opened = await ctx.vault.openPassphraseSlot(user, passphrase);
      if (!opened) {
        recordFailure(ctx, user, 'passphrase', ctx.throttle.fail(user));
        throw new ApiFailure('BAD_CREDENTIALS', BAD_LOGIN);
      }
      const { dataKey, slot } = opened;
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
      // The secret opens only with the key this user's slot wraps (sealed since migration 0271).
      let totp: { secret: string | null; userKey: Buffer | null };
      try {
        totp = totpForSignIn(db, record, slot);
      } catch (err) {
        recordFailure(ctx, user, 'totp-sealed', ctx.throttle.fail(user));
        relock();
        throw err;
      }
      if (totp.secret !== null) {
        if (!otp) {
          relock();
          throw new ApiFailure('MFA_REQUIRED', 'enter the 6-digit code from your authenticator app');
        }
        const step = matchTotp(totp.secret, otp, ctx.nowMs());
        if (step === null || step <= (record.totpLastStep ?? -1)) {
          recordFailure(ctx, user, step === null ? 'totp' : 'totp-replay', ctx.throttle.fail(user));
          relock();
          throw new ApiFailure('BAD_CREDENTIALS', step === null ? 'wrong authentication code' : 'that code was already used; wait for the next one');
        }
        recordTotpStep(db, user, step);
      }
      ctx.throttle.succeed(user);
      const userKey = settleUserSecrets(db, record, slot, totp.userKey, ctx.nowIso());
      slot.kek.fill(0);
      const session = ctx.sessions.start(user, record.role, record.sessionEpoch, userKey);
      appendEvent(db, {
        actor: user, type: 'auth.login', ts: ctx.nowIso(),
        data: {
          user, transport: ctx.conn.transport, mfa: totp.secret !== null, ...(record.mustChangePassphrase ? { mustChangePassphrase: true } : {}),
          ...(record.totp.legacy !== null ? { totpSealed: true } : {}),
        },
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
      const opened = await ctx.vault.openPassphraseSlot(me, current);
      if (!opened) {
        recordFailure(ctx, me, 'change-passphrase', ctx.throttle.fail(me));
        throw new ApiFailure('BAD_CREDENTIALS', 'the current passphrase is wrong');
      }
      if (next === current) {
        const why = 'the new passphrase must differ from the current one';
        throw new ApiFailure('VALIDATION', why, { issues: [`next: ${why}`] });
      }
      requireStrong(next, me, 'next');
      const { db } = ctx.open();
      const record = getUser(db, me);
      const prepared = await ctx.vault.preparePassphraseSlot(me, next, opened.dataKey);
      // The user's own key goes with the passphrase: rewrapped for the new slot when something is
      // sealed under it, else a fresh one (nothing is lost, and no key wrapped under a passphrase
      // an administrator once knew lives on). Written before vault.json changes, so a crash
      // between the two leaves the old slot working with its own row.
      const old = openUserKey(db, opened.slot);
      const sealed = record.totp.sealed !== null || record.totp.pendingSealed !== null;
      const key = sealed && old !== null ? old : randomBytes(32);
      db.transaction(() => wrapUserKey(db, key, prepared.key, ctx.nowIso()))();
      opened.slot.kek.fill(0);
      prepared.key.kek.fill(0);
      ctx.vault.installUserSlot(prepared.slot);
      db.transaction(() => {
        if (record.mustChangePassphrase) clearMustChangePassphrase(db, me);
        appendEvent(db, { actor: me, type: 'user.passphrase_changed', ts: ctx.nowIso(), data: { user: me, ...(record.mustChangePassphrase ? { required: true } : {}) } });
      })();
      dropUserKeys(db, me, prepared.key.slotId);
      const session = actorOf(ctx);
      if (session.userKey !== key) session.userKey?.fill(0);
      session.userKey = key;
      return { changed: true };
    },

    'mfa.begin': async (ctx) => {
      const { user: me, userKey } = actorOf(ctx);
      if (userKey === null) throw new ApiFailure('CONFLICT', 'this session holds no key to seal a two-factor secret with: sign out and in again, then enrol');
      const secret = generateTotpSecret();
      // Sealed even while pending: the database never holds a TOTP secret in the clear.
      setTotpPending(ctx.open().db, me, sealTotp(userKey, me, 'pending', secret));
      const url = otpauthUrl(me, secret);
      return { secret, otpauthUrl: url, qrDataUrl: await qrDataUrl(url) };
    },

    'mfa.confirm': (ctx, { code }) => {
      const { user: me, userKey } = actorOf(ctx);
      const { db } = ctx.open();
      const record = getUser(db, me);
      const pending = record.totp.pendingSealed === null || userKey === null ? null : openTotp(userKey, me, 'pending', record.totp.pendingSealed);
      if (pending === null) throw new ApiFailure('CONFLICT', 'start enrolment first (mfa.begin)');
      const step = matchTotp(pending, code, ctx.nowMs());
      if (step === null) throw new ApiFailure('BAD_CREDENTIALS', 'that code does not match; check the time on this machine and your phone');
      db.transaction(() => {
        // The confirming code's step counts as used, so it cannot also sign in.
        enableTotp(db, me, sealTotp(userKey!, me, 'secret', pending), step);
        appendEvent(db, { actor: me, type: 'mfa.enrolled', ts: ctx.nowIso(), data: { user: me } });
      })();
      return { enrolled: true };
    },
  };
}

