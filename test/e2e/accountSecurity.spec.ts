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

test('enrols TOTP, then sign-in asks for the code', async ({ page, openApp, setup, shell, signIn }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();

  await shell.goTo('My account');
  await page.getByRole('button', { name: 'Set up an authenticator' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await page.getByLabel('Code', { exact: true }).fill('000000' === totpCode(secret, currentStep()) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('#mfa-code-error')).toBeVisible();

  await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, currentStep()));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Two-factor authentication is on')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Two-factor authentication' }).getByText('On', { exact: true })).toBeVisible();

  await shell.signOut.click();
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  const code = page.getByLabel('Authentication code');
  await expect(code).toBeFocused();
  // The step after the one used at enrolment: inside the ±1 window, and not a replay.
  await code.fill(totpCode(secret, currentStep() + 1));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});
