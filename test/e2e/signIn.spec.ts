import { ADMIN, expect, test } from './fixtures';

test.beforeEach(async ({ openApp, setup }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
});

test('signs out and signs in again', async ({ page, shell, signIn }) => {
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await shell.signOut.click();
  await expect(signIn.heading).toBeVisible();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expect(signIn.user).toHaveValue(ADMIN.name);

  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});

test('a wrong passphrase shows the API message and keeps the user on the sign-in screen', async ({ page, shell, signIn }) => {
  await shell.signOut.click();
  await signIn.signIn(ADMIN.name, 'not the right passphrase');
  await expect(signIn.alert).toBeVisible();
  await expect(signIn.alert).not.toBeEmpty();
  await expect(signIn.heading).toBeVisible();
  await expect(signIn.passphrase).toHaveValue('');
  await expect(shell.user).toHaveCount(0);

  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
});

test('locking the vault returns to sign-in', async ({ page, shell, signIn }) => {
  await shell.lock.click();
  await expect(signIn.heading).toBeVisible();
  await expect(page.getByText(/The vault is locked/)).toBeVisible();
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});

test('repeated wrong passphrases show a countdown, then allow another try', async ({ page, shell, signIn }) => {
  await shell.signOut.click();
  for (let i = 0; i < 3; i += 1) {
    await signIn.signIn(ADMIN.name, `wrong passphrase ${i}`);
    await expect(signIn.passphrase).toHaveValue('');
    await expect(signIn.submit).toBeEnabled();
  }
  await signIn.signIn(ADMIN.name, 'wrong passphrase again');
  await expect(page.getByText(/Too many failed attempts\. Try again in \d+ s\./)).toBeVisible();
  await expect(signIn.submit).toBeDisabled();
  await expect(signIn.submit).toBeEnabled({ timeout: 15_000 });
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});
