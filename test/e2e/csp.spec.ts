import { ADMIN, expect, test } from './fixtures';

/**
 * Walks every screen with the strict CSP in force (style-src 'self', no inline script). The
 * auto fixture `cspViolations` fails the test on any violation reported in the console.
 */
test('no screen violates the Content-Security-Policy', async ({ page, server, setup, shell, list, detail, cspViolations }) => {
  const response = await page.goto(server.url);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();

  await list.create({ title: 'CSP walk', severity: 'SEV3', category: 'Other' });
  await detail.editButton.click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await shell.goTo('Incidents');
  await expect(list.rows()).toHaveCount(1);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  await shell.goTo('Runbooks');
  await shell.goTo('Dashboard');
  await shell.goTo('Backups');
  await page.getByRole('main').getByRole('button', { name: 'Add plan', exact: true }).first().click();
  await expect(page.getByRole('dialog', { name: 'Add a backup plan' })).toBeVisible();
  await page.keyboard.press('Escape');
  await shell.goTo('Audit log');
  await shell.goTo('Users');
  await shell.goTo('My account');
  // Enrolling asks for the passphrase first (issue 13 §12).
  await page.getByLabel('Your passphrase').fill(ADMIN.passphrase);
  await page.getByRole('button', { name: 'Set up an authenticator' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const result = await shell.verifyChain();
  await expect(result).toContainText('Chain intact');
  expect(cspViolations).toEqual([]);
});
