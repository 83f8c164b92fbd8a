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

/**
 * Issue 12's screens from the keyboard (user test, finding 6): the incident page reaches "Add
 * action item" in a few dozen Tabs (the breach card folds the regimes that only may apply while no
 * facts are recorded), every dialog opens in its first field so typing is never lost, and Space on
 * a star keeps the focus on the star.
 */
test('issue 12 from the keyboard: few Tabs to Add action item, dialogs open in their first field, a star keeps focus', async ({ page, openApp, setup, api, detail, server }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  // Customers in three jurisdictions, no breach facts yet: the case of the user test.
  const { ref } = await api('incidents.create', {
    title: 'Ransomware on FS01', severity: 'SEV1', category: 'ransomware', dataCategories: ['contact'],
    affected: [{ jurisdiction: 'DE', count: 5200 }, { jurisdiction: 'GB', count: 340 }, { jurisdiction: 'US-TX', count: 610 }],
  });
  await api('incidents.addNote', { ref, text: 'Ransom note found on FS01 at 06:40' });
  await detail.open(server.origin, ref);
  await expect(detail.title).toHaveText('Ransomware on FS01');

  // No breach facts yet: the regimes that may apply are one closed control, not ~30 rows of buttons.
  const mayApply = page.getByTestId('may-apply');
  await expect(mayApply.locator(':scope > summary')).toContainText(/\d+ regimes may apply: no breach facts recorded yet/);
  await expect(mayApply).not.toHaveAttribute('open');
  await page.getByTestId('notifications').screenshot({ path: test.info().outputPath('breach-card-folded.png') });

  // From the top of the page to "Add action item", counting Tabs.
  await page.locator('#main').focus();
  const addItem = page.getByRole('button', { name: 'Add action item' });
  let tabs = 0;
  for (; tabs < 80; tabs++) {
    if (await addItem.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  expect(tabs).toBeLessThan(45);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add an action item' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Close RDP');
  await expect(dialog.getByLabel('Title')).toHaveValue('Close RDP');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(addItem).toBeFocused();

  // The report dialog opens in its first field too.
  await page.getByRole('button', { name: 'Report' }).click();
  await expect(page.getByRole('dialog').getByLabel('Format')).toBeFocused();
  await page.keyboard.press('Escape');

  // Space on a star stars the event and leaves the focus there: a second Space takes the star off.
  const star = (await detail.timelineEntry('Ransom note found')).getByRole('button', { name: /^Key event #\d+$/ });
  await star.focus();
  await page.keyboard.press('Space');
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(star).toBeFocused();
  await page.keyboard.press('Space');
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await expect(star).toBeFocused();
});
