import { ADMIN, expect, test } from './fixtures';

test('the verify button reports an intact chain', async ({ page, openApp, setup, shell, list, detail }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await list.create({ title: 'Chain test', severity: 'SEV4', category: 'Other' });
  await detail.moveTo('Triaged');
  await detail.timelineEntry('Moved status Detected → Triaged');

  const result = await shell.verifyChain();
  await expect(result).toContainText(/Chain intact: \d+ events/);
  await expect(result).toContainText('head');

  await page.getByRole('button', { name: 'Done' }).click();
  await shell.goTo('Audit log');
  await expect(page.getByRole('cell', { name: 'incident.status_changed' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Chain intact');
});
