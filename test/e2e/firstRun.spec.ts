import { ADMIN, expect, test } from './fixtures';

test('first run creates the vault and shows the recovery key exactly once', async ({ page, openApp, setup, shell }) => {
  await openApp();
  await setup.fill(ADMIN.name, 'short');
  await setup.create.click();
  await expect(page.getByText('Use at least 12 characters (5 so far).')).toBeVisible();

  await setup.passphrase.fill('alllowercaseletters');
  await setup.confirm.fill('alllowercaseletters');
  await setup.create.click();
  await expect(page.getByText(/It is all lower-case letters/)).toBeVisible();

  const key = await setup.createVault(ADMIN.name, ADMIN.passphrase);
  expect(key.length).toBeGreaterThanOrEqual(10);
  await expect(page.getByText('This is the only time Firebreak will show it.')).toBeVisible();

  await setup.acknowledgeRecoveryKey();
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await expect(page.getByRole('heading', { name: 'No incidents yet' })).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);

  // A reload keeps the session (cookie) and never brings the key back.
  await page.reload();
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);
});
