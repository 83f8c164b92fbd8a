import { ApiFailure } from '../../../contract';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  clearMustChangePassphrase, clearUserSecrets, createUserKey, dropUserKeys, enableTotp, findUser, generateTotpSecret, getUser, insertUser, matchTotp,
  openTotp, openUserKey, otpauthUrl, qrDataUrl, recordTotpStep, sealTotp, setTotpPending, settleUserSecrets, totpForSignIn, wrapUserKey,
} from '../../auth';
import { maskQueuedTexts } from '../../incidents';
import { recoverPiiAccess, recoveryKeyPair, registerRecoveryHolder, registerRecoveryKey, settlePiiAccess, type PiiRecovery, type PiiSettlement } from '../../pii';
import { appendEvent, rescrubWithheldSearch } from '../../timeline';

import { normalizeRecoveryKey, type SlotKey } from '../../vault';
import { logError } from '../logError';
import { actorOf, type Context, type Handlers } from './Context';
import { requireStrong } from './requireStrong';
import { sessionInfo } from './sessionInfo';

type AuthMethods = 'vault.status' | 'vault.create' | 'vault.recover' | 'vault.registerRecoveryKey' | 'vault.exportKey' | 'vault.lock'
  | 'auth.login' | 'auth.logout' | 'auth.session' | 'auth.changePassphrase' | 'mfa.begin' | 'mfa.confirm';

const BAD_LOGIN = 'wrong user name or passphrase';
const disabledMessage = (user: string) => `the account ${user} is disabled: an administrator disabled it, and only an administrator can enable it again`;

/** A credential check under a reserved try: settle it, or `done()` (in a finally) releases it as no try at all. */
interface Attempt {
  readonly number: number;
  /** Counts the failure (its wait runs from now), records it in the log (or, while locked, in the attempts file until the next sign-in) and throws `error`. */
  failed(user: string, reason: string, error: ApiFailure): Promise<never>;
  succeeded(): Promise<void>;
  done(): Promise<void>;
}

/**
 * Reserves a try for `key` before the slow key derivation (SignInAttempts.reserve): the backoff is
 * decided before any passphrase is checked, so parallel requests cannot all slip past it.
 */
async function beginAttempt(ctx: Context, key: string): Promise<Attempt> {
  const ticket = await ctx.attempts.reserve(key);
  let settled = false;
  return {
    number: ticket.attempt,
    failed: async (user, reason, error) => {
      settled = true;
      const event = { actor: user, type: 'auth.login_failed', ts: ctx.nowIso(), data: { user, reason, attempt: ticket.attempt, transport: ctx.conn.transport } };
      // Into the log first while it is open here: an await in between could see it locked.
      if (ctx.isOpen()) {
        appendEvent(ctx.open().db, event);
        await ctx.attempts.fail(ticket, null);
      } else {
        // Locked: the log waits for the next unlock, the security stream does not (docs/security.md).
        const failure = { event, pendingId: randomUUID() };
        const streamed = await ctx.streamLockedFailure(failure);
        const waiting = await ctx.attempts.fail(ticket, { ...event, id: failure.pendingId, data: { ...event.data, ...(streamed ? { streamedEarly: true } : {}) } });
        await ctx.streamLockedThresholds(failure, waiting);
      }
      throw error;
    },
    succeeded: async () => {
      settled = true;
      await ctx.attempts.succeed(ticket);
    },
    done: async () => {
      if (settled) return;
      try {
        await ctx.attempts.release(ticket);
      } catch (err) {
        // The try stays counted, which errs on the safe side; the caller's own error matters more.
        logError(ctx.dataDir, 'release sign-in attempt', err);
      }
    },
  };
}

/**
 * Asks the signed-in user for their passphrase again before a change to how they sign in (a new
 * passphrase): a session left open on an unattended screen is not enough. Under the same backoff
 * as sign-in. Returns what the user's slot opens: the data key and the slot's key (the caller zeroes it).
 */
async function confirmPassphrase(ctx: Context, me: string, passphrase: string, reason: string): Promise<{ dataKey: Buffer; slot: SlotKey }> {
  const attempt = await beginAttempt(ctx, me);
  try {
    const opened = await ctx.vault.openPassphraseSlot(me, passphrase);
    if (!opened) return await attempt.failed(me, reason, new ApiFailure('BAD_CREDENTIALS', 'the current passphrase is wrong'));
    await attempt.succeeded();
    return opened;
  } finally {
    await attempt.done();
  }
}

/** What the sign-in did about the personal-data key, for its log event (main/pii settlePiiAccess). */
const piiLogged = (p: PiiSettlement): Record<string, unknown> => ({
  ...(p.claimed ? { piiKeyClaimed: true } : {}),
  ...(p.granted.length > 0 ? { piiGranted: p.granted } : {}),
  ...(p.recoveryGranted ? { piiRecoveryKeyGranted: true } : {}),
});

/** What a recovery did about the personal-data key, for `vault.recovered` (main/pii recoverPiiAccess; no secrets). */
const piiRecoveryLogged = (p: PiiRecovery): Record<string, unknown> => ({
  piiKey: p.piiKey, ...(p.via !== undefined ? { piiKeyVia: p.via } : {}), piiRecoveryHolder: p.recoveryHolder,
  ...(p.granted.length > 0 ? { piiGranted: p.granted } : {}),
  ...(p.recoveryGranted ? { piiRecoveryKeyGranted: true } : {}),
});

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
      let userKey: Buffer | null = null;
      // Exclusive across processes and connections, and verified before it is reported (Vault.create).
      const created = await ctx.vault.create(admin, passphrase, {
        initialize: (dataKey, adminSlot, recoveryKey) => {
          // Nothing else can have opened a database here (no vault.json, and the creation lock is ours).
          if (ctx.isOpen()) throw new Error('vault.create found the backend unlocked without a vault');
          const { db } = ctx.unlockWith(dataKey);
          db.transaction(() => {
            insertUser(db, admin, 'admin', now);
            // The slot's key is zeroed by Vault.create once it has checked the slots as written.
            userKey = createUserKey(db, adminSlot, now);
            // The recovery key holds the personal-data key too (its key pair derived from it, only the public half kept),
            registerRecoveryHolder(db, recoveryKeyPair(recoveryKey).publicKey, admin, now);
            // which migration 300 made for this database and goes to its first administrator (and so to the recovery key).
            const pii = settlePiiAccess(db, admin, 'admin', userKey, now);
            appendEvent(db, { actor: admin, type: 'vault.created', ts: now, data: { admin, piiRecoveryKeyGranted: pii.recoveryGranted } });
            appendEvent(db, { actor: admin, type: 'auth.login', ts: now, data: { user: admin, transport: ctx.conn.transport } });
          })();
        },
        // Half a vault is worse than none: close the new database so Vault.create can remove it and creating again starts clean.
        abandon: () => {
          if (ctx.isOpen()) ctx.lock('locked');
        },
      });
      const { recoveryKey } = created;
      // A new user's session epoch is 0 (migration 0130).
      const session = ctx.sessions.start(admin, 'admin', 0, userKey);
      ctx.bindSession(session);
      return { recoveryKey, session: sessionInfo(ctx, session, idleTimeoutMs) };
    },

    'vault.recover': async (ctx, { recoveryKey, user, newPassphrase, resetMfa }) => {
      if (!ctx.vault.exists()) throw new ApiFailure('NOT_INITIALIZED', 'there is no vault in this data directory');
      const attempt = await beginAttempt(ctx, '#recovery');
      let dataKey: Buffer | null;
      try {
        dataKey = await ctx.vault.unlockWithRecoveryKey(recoveryKey);
        if (!dataKey) return await attempt.failed(user, 'recovery-key', new ApiFailure('BAD_CREDENTIALS', 'that recovery key does not open this vault'));
        await attempt.succeeded();
      } finally {
        await attempt.done();
      }
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
        const prepared = await ctx.vault.preparePassphraseSlot(user, newPassphrase, dataKey);
        // Opened above, so it is well formed and it is this vault's recovery key.
        const recovery = recoveryKeyPair(normalizeRecoveryKey(recoveryKey)!);
        try {
          db.transaction(() => {
            const now = ctx.nowIso();
            clearUserSecrets(db, user, { keys: true });
            // A new own key for the new passphrase, and with it a new key pair: the personal-data
            // key is granted to it through the recovery key's grant (docs/security.md, "Keys").
            const userKey = createUserKey(db, prepared.key, now);
            const pii = recoverPiiAccess(db, user, record.role, userKey, recovery, now);
            userKey.fill(0);
            appendEvent(db, { actor: user, type: 'vault.recovered', ts: now, data: { user, mfaReset: resetMfa, ...piiRecoveryLogged(pii) } });
            ctx.vault.installUserSlot(prepared.slot);
          })();
        } finally {
          prepared.key.kek.fill(0);
          recovery.privateKey = '';
        }
      } finally {
        if (!wasOpen && ctx.sessions.count() === 0) ctx.lock('locked');
      }
      return { user };
    },

    'vault.registerRecoveryKey': async (ctx, { recoveryKey }) => {
      const me = actorOf(ctx).user;
      // A wrong key is a guess at the recovery key: under the same backoff as vault.recover.
      const attempt = await beginAttempt(ctx, '#recovery');
      try {
        const dataKey = await ctx.vault.unlockWithRecoveryKey(recoveryKey);
        if (!dataKey) return await attempt.failed(me, 'recovery-key-register', new ApiFailure('BAD_CREDENTIALS', 'that recovery key does not open this vault; nothing was changed'));
        dataKey.fill(0);
        await attempt.succeeded();
      } finally {
        await attempt.done();
      }
      const recovery = recoveryKeyPair(normalizeRecoveryKey(recoveryKey)!);
      const { db } = ctx.open();
      try {
        return db.transaction(() => {
          const now = ctx.nowIso();
          const done = registerRecoveryKey(db, recovery, me, now);
          if (done === null) {
            throw new ApiFailure('CONFLICT', 'the personal-data key is not open in this session (your grant is pending): sign in as an administrator whose grant opens it, then register the recovery key; nothing was changed');
          }
          appendEvent(db, { actor: me, type: 'vault.recovery_key_registered', ts: now, data: done });
          return done;
        })();
      } finally {
        recovery.privateKey = '';
      }
    },

    'vault.exportKey': (ctx) => {
      const { db, dataKey } = ctx.open();
      appendEvent(db, { actor: actorOf(ctx).user, type: 'vault.key_exported', ts: ctx.nowIso(), data: { transport: ctx.conn.transport } });
      return { keyHex: dataKey.toString('hex') };
    },

    'vault.lock': (ctx) => {
      // Signs everybody out: a decision of someone allowed to (vault:lock), recorded in their name.
      ctx.lock('locked', actorOf(ctx).user);
      return { locked: true };
    },

    'auth.login': async (ctx, { user, passphrase, otp }) => {
      if (!ctx.vault.exists()) throw new ApiFailure('NOT_INITIALIZED', 'there is no vault yet: create one first');
      const attempt = await beginAttempt(ctx, user);
      try {
        // Disabled users have no slot left; vault.json names them, so the refusal says why even while locked.
        if (ctx.vault.isDisabled(user)) return await attempt.failed(user, 'disabled', new ApiFailure('ACCOUNT_DISABLED', disabledMessage(user)));
        const opened = await ctx.vault.openPassphraseSlot(user, passphrase);
        if (!opened) return await attempt.failed(user, 'passphrase', new ApiFailure('BAD_CREDENTIALS', BAD_LOGIN));
        const { dataKey, slot } = opened;
        const wasOpen = ctx.isOpen();
        const { db } = wasOpen ? ctx.open() : ctx.unlockWith(dataKey);
        const relock = () => {
          if (!wasOpen && ctx.sessions.count() === 0) ctx.lock('locked');
        };
        const refuse = async (reason: string, error: ApiFailure): Promise<never> => {
          try {
            return await attempt.failed(user, reason, error);
          } finally {
            slot.kek.fill(0);
            relock();
          }
        };
        const record = findUser(db, user);
        if (!record) return await refuse('no-user-record', new ApiFailure('BAD_CREDENTIALS', BAD_LOGIN));
        // A slot can outlive the disabling (an older vault.json put back): the database decides.
        if (record.status === 'disabled') return await refuse('disabled', new ApiFailure('ACCOUNT_DISABLED', disabledMessage(user)));
        // The secret opens only with the key this user's slot wraps (sealed since migration 0271).
        let totp: { secret: string | null; userKey: Buffer | null };
        try {
          totp = totpForSignIn(db, record, slot);
        } catch (err) {
          return await refuse('totp-sealed', err instanceof ApiFailure ? err : new ApiFailure('BAD_CREDENTIALS', BAD_LOGIN));
        }
        if (totp.secret !== null) {
          if (!otp) {
            // Not a failed try: the code is still to come (attempt.done releases it).
            slot.kek.fill(0);
            relock();
            throw new ApiFailure('MFA_REQUIRED', 'enter the 6-digit code from your authenticator app');
          }
          const step = matchTotp(totp.secret, otp, ctx.nowMs());
          if (step === null || step <= (record.totpLastStep ?? -1)) {
            return await refuse(
              step === null ? 'totp' : 'totp-replay',
              new ApiFailure('BAD_CREDENTIALS', step === null ? 'wrong authentication code' : 'that code was already used; wait for the next one'),
            );
          }
          recordTotpStep(db, user, step);
        }
        await attempt.succeeded();
        // Failures other processes recorded while they could not write the log (a CLI run, another window).
        ctx.flushLate();
        const userKey = settleUserSecrets(db, record, slot, totp.userKey, ctx.nowIso());
        slot.kek.fill(0);
        // The user's key pair, and for pii:read the personal-data key opened (and passed on to pending holders).
        const pii = settlePiiAccess(db, user, record.role, userKey, ctx.nowIso());
        // Free text that processes without the key could not mask while no holder was signed in.
        if (pii.holds) {
          maskQueuedTexts(db);
          // and search-index text withheld for the same reason (main/timeline rescrubWithheldSearch).
          rescrubWithheldSearch(db);
        }
        const session = ctx.sessions.start(user, record.role, record.sessionEpoch, userKey);
        appendEvent(db, {
          actor: user, type: 'auth.login', ts: ctx.nowIso(),
          data: {
            user, transport: ctx.conn.transport, mfa: totp.secret !== null, ...(record.mustChangePassphrase ? { mustChangePassphrase: true } : {}),
            ...(record.totp.legacy !== null ? { totpSealed: true } : {}),
            ...piiLogged(pii),
          },
        });
        ctx.bindSession(session);
        return sessionInfo(ctx, session, idleTimeoutMs);
      } finally {
        await attempt.done();
      }
    },

    'auth.logout': (ctx) => {
      ctx.endSession('logout');
      return { signedOut: true };
    },

    'auth.session': (ctx) => (ctx.session && ctx.isOpen() ? sessionInfo(ctx, ctx.session, idleTimeoutMs) : null),

    'auth.changePassphrase': async (ctx, { current, next }) => {
      const me = actorOf(ctx).user;
      const opened = await confirmPassphrase(ctx, me, current, 'change-passphrase');
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
      if (session.userKey !== key) {
        session.userKey?.fill(0);
        // A fresh key: a new key pair sealed under it, granted again from the key this process holds.
        settlePiiAccess(db, me, session.role, key, ctx.nowIso());
      }
      session.userKey = key;
      return { changed: true };
    },

    // Enrolling a device decides who can sign in as this user from now on: the passphrase is asked
    // again, and while a device is enrolled a code from it too, so a session left open (or taken
    // over) cannot swap in the taker's own authenticator (issue 13 §12).
    'mfa.begin': async (ctx, { passphrase, code }) => {
      const { user: me, userKey } = actorOf(ctx);
      if (userKey === null) throw new ApiFailure('CONFLICT', 'this session holds no key to seal a two-factor secret with: sign out and in again, then enrol');
      const attempt = await beginAttempt(ctx, me);
      try {
        const opened = await ctx.vault.openPassphraseSlot(me, passphrase);
        if (!opened) return await attempt.failed(me, 'mfa-enrol', new ApiFailure('BAD_CREDENTIALS', 'the current passphrase is wrong'));
        const { db } = ctx.open();
        const record = getUser(db, me);
        let current: string | null;
        try {
          current = totpForSignIn(db, record, opened.slot).secret;
        } finally {
          opened.slot.kek.fill(0);
          opened.dataKey.fill(0);
        }
        if (current !== null) {
          if (code === undefined) {
            const why = 'enter the current 6-digit code from the authenticator app you use now: only it can replace itself (lost it? The recovery key can remove two-factor authentication: "Use the recovery key" on the sign-in screen, or `firebreak vault recover --reset-mfa`)';
            throw new ApiFailure('VALIDATION', why, { issues: [`code: ${why}`] });
          }
          const step = matchTotp(current, code, ctx.nowMs());
          if (step === null || step <= (record.totpLastStep ?? -1)) {
            return await attempt.failed(
              me,
              step === null ? 'mfa-enrol-totp' : 'mfa-enrol-totp-replay',
              new ApiFailure('BAD_CREDENTIALS', step === null ? 'wrong authentication code' : 'that code was already used; wait for the next one'),
            );
          }
          recordTotpStep(db, me, step);
        }
        await attempt.succeeded();
      } finally {
        await attempt.done();
      }
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
        appendEvent(db, { actor: me, type: 'mfa.enrolled', ts: ctx.nowIso(), data: { user: me, ...(record.mfaEnrolled ? { replacedDevice: true } : {}) } });
      })();
      return { enrolled: true };
    },
  };
}

