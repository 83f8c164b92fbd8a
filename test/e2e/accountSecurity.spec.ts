import { ADMIN, expect, test } from './fixtures';
import { currentStep, totpCode } from './totpCode';

test('recovers a forgotten passphrase with the recovery key', async ({ page, openApp, setup, shell, signIn }) => {
  await openApp();
  const key = await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.signOut.click();

  await page.getByRole('button', { name: /Use the recovery key/ }).click();
  await expect(page.getByRole('heading', { name: 'Recover access' })).toBeVisible();
  await page.getByLabel('Recovery key').fill('FBRK-WRONG-WRONG-WRONG');
  await page.getByLabel('User name').fill(ADMIN.name);
  await page.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase 7');
  await page.getByLabel('Confirm new passphrase').fill('a brand new passphrase 7');
  await page.getByRole('button', { name: 'Reset passphrase' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  await page.getByLabel('Recovery key').fill(key);
  await page.getByRole('button', { name: 'Reset passphrase' }).click();
  await expect(signIn.heading).toBeVisible();
  await expect(page.getByText(`The passphrase of ${ADMIN.name} was reset.`, { exact: false })).toBeVisible();

  await signIn.signIn(ADMIN.name, 'a brand new passphrase 7');
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});

test('enrols TOTP after the passphrase, replaces the device only with a code from it, then sign-in asks for the code', async ({ page, openApp, setup, shell, signIn }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();

  await shell.goTo('My account');
  const mfa = page.getByRole('region', { name: 'Two-factor authentication' });
  const start = mfa.getByRole('button', { name: 'Set up an authenticator' });
  // A signed-in session is not enough: the passphrase first, and a wrong one is refused on its field.
  await expect(start).toBeDisabled();
  await mfa.getByLabel('Your passphrase').fill('not my passphrase at all');
  await start.click();
  await expect(page.locator('#mfa-passphrase-error')).toHaveText('the current passphrase is wrong');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toHaveCount(0);
  await mfa.getByLabel('Your passphrase').fill(ADMIN.passphrase);
  await start.click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await page.getByLabel('Code', { exact: true }).fill('000000' === totpCode(secret, currentStep()) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('#mfa-code-error')).toBeVisible();

  const enrolledAt = currentStep();
  await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, enrolledAt));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Two-factor authentication is on')).toBeVisible();
  await expect(mfa.getByText('On', { exact: true })).toBeVisible();

  // Replacing the device needs the passphrase and a code from the current device.
  const replace = mfa.getByRole('button', { name: 'Enrol a new device' });
  await mfa.getByLabel('Your passphrase').fill(ADMIN.passphrase);
  await expect(replace).toBeDisabled();
  const current = mfa.getByLabel('Code from your current authenticator');
  const wrong = ['000000', '111111'].find((c) => ![-1, 0, 1, 2].some((d) => totpCode(secret, enrolledAt + d) === c)) as string;
  await current.fill(wrong);
  await replace.click();
  await expect(page.locator('#mfa-current-code-error')).toHaveText('wrong authentication code');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toHaveCount(0);
  // The step after the one the enrolment used: inside the ±1 window, and not a replay.
  await current.fill(totpCode(secret, enrolledAt + 1));
  await replace.click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const second = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(second).not.toBe(secret);
  await page.getByLabel('Code', { exact: true }).fill(totpCode(second, currentStep()));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('New authenticator enrolled')).toBeVisible();

  await shell.signOut.click();
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  const code = page.getByLabel('Authentication code');
  await expect(code).toBeFocused();
  await code.fill(totpCode(second, currentStep() + 1));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});
