import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stepAt, totpAt } from '../../../main/auth';
import { connect, expectFailure } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

// RFC 6238 Appendix B, SHA-1: the secret is the ASCII string "12345678901234567890"
// (base32 below); the RFC prints 8-digit codes, ours are the last 6 digits of the same value.
const RFC_SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('totpAt (RFC 6238)', () => {
  it.each(RFC_VECTORS)('T = %i s gives the last 6 digits of %s', (t, eightDigits) => {
    expect(stepAt(t * 1000)).toBe(Math.floor(t / 30));
    expect(totpAt(RFC_SECRET_B32, stepAt(t * 1000))).toBe(eightDigits.slice(-6));
  });
});

describe('TOTP enrolment and sign-in', () => {
  let v: TestVault;
  beforeEach(async () => {
    v = await createTestVault();
  });
  afterEach(() => v.dispose());

  const login = (otp?: string) =>
    connect(v.backend).attempt('auth.login', otp === undefined ? { user: ADMIN, passphrase: ADMIN_PASS } : { user: ADMIN, passphrase: ADMIN_PASS, otp });

  /** A 6-digit code that is valid for none of the steps the server accepts now. */
  function wrongCode(secret: string): string {
    const now = stepAt(v.clock.now());
    const valid = new Set([now - 1, now, now + 1].map((s) => totpAt(secret, s)));
    for (let n = 0; ; n += 1) {
      const candidate = String(n).padStart(6, '0');
      if (!valid.has(candidate)) return candidate;
    }
  }

  it('begins with a secret, an otpauth URL and an SVG QR code as a data: URL', async () => {
    const e = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    expect(e.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(e.otpauthUrl).toBe(`otpauth://totp/Firebreak%3A${ADMIN}?secret=${e.secret}&issuer=Firebreak&algorithm=SHA1&digits=6&period=30`);
    expect(e.qrDataUrl).toMatch(/^data:image\/svg\+xml[;,]/);
    const [, b64] = e.qrDataUrl.split(';base64,');
    expect(Buffer.from(b64 ?? '', 'base64').toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Not enrolled until confirmed.
    expect(await v.admin.call('auth.session', {})).toMatchObject({ mfaEnrolled: false });
    await v.admin.call('auth.logout', {});
    expect((await login()).ok).toBe(true);
  });

  it('confirm refuses a wrong code and a confirm without begin', async () => {
    expectFailure(await v.admin.attempt('mfa.confirm', { code: '123456' }), 'CONFLICT');
    const { secret } = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    expectFailure(await v.admin.attempt('mfa.confirm', { code: wrongCode(secret) }), 'BAD_CREDENTIALS');
    expect(await v.admin.call('auth.session', {})).toMatchObject({ mfaEnrolled: false });
  });

  it('after enrolment: no code → MFA_REQUIRED, wrong → BAD_CREDENTIALS, valid → ok, replayed → refused', async () => {
    const { secret } = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    const confirming = totpAt(secret, stepAt(v.clock.now()));
    expect(await v.admin.call('mfa.confirm', { code: confirming })).toEqual({ enrolled: true });
    expect(await v.admin.call('auth.session', {})).toMatchObject({ mfaEnrolled: true });
    await v.admin.call('auth.logout', {});

    expectFailure(await login(), 'MFA_REQUIRED');
    // The code that confirmed enrolment counts as used.
    expectFailure(await login(confirming), 'BAD_CREDENTIALS');

    v.clock.advance(30_000);
    expectFailure(await login(wrongCode(secret)), 'BAD_CREDENTIALS');
    const code = totpAt(secret, stepAt(v.clock.now()));
    const ok = await login(code);
    expect(ok.ok && ok.value).toMatchObject({ user: ADMIN, mfaEnrolled: true });

    // The same code again, from another window within its validity: a replay.
    const replay = expectFailure(await login(code), 'BAD_CREDENTIALS');
    expect(replay.message).toMatch(/already used/);
    // And an older step, still inside the ±1 drift window, is refused too.
    v.clock.advance(30_000);
    expectFailure(await login(code), 'BAD_CREDENTIALS');
    expect((await login(totpAt(secret, stepAt(v.clock.now())))).ok).toBe(true);

    const admin = await v.signIn(ADMIN, ADMIN_PASS, totpAt(secret, stepAt(v.clock.now()) + 1));
    const failures = await admin.call('audit.list', { type: 'auth.login_failed' });
    expect(failures.rows.map((e) => e.data.reason)).toEqual(['totp-replay', 'totp-replay', 'totp', 'totp-replay']);
  });

  it('accepts one step of clock drift either way', async () => {
    const { secret } = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    await v.admin.call('mfa.confirm', { code: totpAt(secret, stepAt(v.clock.now())) });
    v.clock.advance(60_000);
    const now = stepAt(v.clock.now());
    expect((await login(totpAt(secret, now - 1))).ok).toBe(true);
    expect((await login(totpAt(secret, now + 1))).ok).toBe(true);
    expectFailure(await login(totpAt(secret, now + 3)), 'BAD_CREDENTIALS');
  });
});

describe('enrolling a device needs more than a signed-in session (issue 13 §12)', () => {
  let v: TestVault;
  beforeEach(async () => {
    v = await createTestVault();
  });
  afterEach(() => v.dispose());

  it('asks for the passphrase first: none is invalid, a wrong one is a failed sign-in under the backoff', async () => {
    expectFailure(await v.admin.raw('mfa.begin', {}), 'VALIDATION');
    for (let i = 0; i < 3; i += 1) {
      const wrong = expectFailure(await v.admin.attempt('mfa.begin', { passphrase: `a guess at it ${i}` }), 'BAD_CREDENTIALS');
      expect(wrong.message).toBe('the current passphrase is wrong');
    }
    expectFailure(await v.admin.attempt('mfa.begin', { passphrase: ADMIN_PASS }), 'RATE_LIMITED');
    const failures = await v.admin.call('audit.list', { type: 'auth.login_failed' });
    expect(failures.rows.map((e) => [e.data.reason, e.data.attempt])).toEqual([['mfa-enrol', 3], ['mfa-enrol', 2], ['mfa-enrol', 1]]);
    // Nothing was started: there is no pending secret to confirm.
    expectFailure(await v.admin.attempt('mfa.confirm', { code: '123456' }), 'CONFLICT');
    v.clock.advance(2_001);
    expect((await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS })).secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('replaces an enrolled device only with a current code from it', async () => {
    const first = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS });
    await v.admin.call('mfa.confirm', { code: totpAt(first.secret, stepAt(v.clock.now())) });
    v.clock.advance(30_000);

    const noCode = expectFailure(await v.admin.attempt('mfa.begin', { passphrase: ADMIN_PASS }), 'VALIDATION');
    expect(noCode.issues?.[0]).toMatch(/^code: enter the current 6-digit code from the authenticator app you use now/);
    const now = stepAt(v.clock.now());
    expectFailure(await v.admin.attempt('mfa.begin', { passphrase: ADMIN_PASS, code: totpAt(first.secret, now + 5) }), 'BAD_CREDENTIALS');
    expectFailure(await v.admin.attempt('mfa.begin', { passphrase: 'not it at all 42', code: totpAt(first.secret, now) }), 'BAD_CREDENTIALS');

    const second = await v.admin.call('mfa.begin', { passphrase: ADMIN_PASS, code: totpAt(first.secret, now) });
    // The code that allowed it counts as used.
    expect(expectFailure(await v.admin.attempt('mfa.begin', { passphrase: ADMIN_PASS, code: totpAt(first.secret, now) }), 'BAD_CREDENTIALS').message).toMatch(/already used/);
    expect(second.secret).not.toBe(first.secret);
    await v.admin.call('mfa.confirm', { code: totpAt(second.secret, now) });

    const failures = await v.admin.call('audit.list', { type: 'auth.login_failed' });
    expect(failures.rows.map((e) => e.data.reason)).toEqual(['mfa-enrol-totp-replay', 'mfa-enrol', 'mfa-enrol-totp']);
    const enrolled = await v.admin.call('audit.list', { type: 'mfa.enrolled' });
    expect(enrolled.rows.map((e) => e.data)).toEqual([{ user: ADMIN, replacedDevice: true }, { user: ADMIN }]);

    // Only the new device signs in now.
    await v.admin.call('auth.logout', {});
    v.clock.advance(30_000);
    const later = stepAt(v.clock.now());
    expectFailure(await login(totpAt(first.secret, later)), 'BAD_CREDENTIALS');
    v.clock.advance(4_001);
    expect((await login(totpAt(second.secret, later))).ok).toBe(true);
  });

  const login = (otp: string) => connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: ADMIN_PASS, otp });
});
