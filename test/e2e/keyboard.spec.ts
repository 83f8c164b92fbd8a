import { ADMIN, expect, test } from './fixtures';

test('the console works from the keyboard', async ({ page, openApp, setup, api, list, detail }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  for (const [i, title] of ['First', 'Second', 'Third'].entries()) {
    await api('incidents.create', { title: `${title} incident`, severity: 'SEV3', category: 'other', detectedAt: `2026-02-0${3 - i}T08:00:00Z` });
  }
  await page.reload();
  await expect(list.rows()).toHaveCount(3);

  // The skip link is the first stop and lands in the main region.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // j/k move the active row of the grid, Enter opens it.
  await page.keyboard.press('j');
  await expect(list.grid).toBeFocused();
  await expect(list.grid.locator('[aria-selected="true"]')).toContainText('Second incident');
  await page.keyboard.press('ArrowDown');
  await expect(list.grid.locator('[aria-selected="true"]')).toContainText('Third incident');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(detail.title).toHaveText('Second incident');

  // `e` edits; `g a` and `g i` navigate.
  await page.keyboard.press('e');
  await expect(page.getByRole('form', { name: 'Edit details' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(list.heading).toBeVisible();

  // `n` opens the new-incident dialog, Escape closes it; `?` shows the shortcuts.
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Next incident');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
