import { ADMIN, expect, test } from './fixtures';

test('filters and sorts the incident list on the server', async ({ page, openApp, setup, api, list }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await expect(list.heading).toBeVisible();

  const seed = [
    { title: 'Alpha phishing campaign', severity: 'SEV3', category: 'phishing', detectedAt: '2026-01-05T10:00:00Z' },
    { title: 'Bravo ransomware outbreak', severity: 'SEV1', category: 'ransomware', detectedAt: '2026-01-03T10:00:00Z' },
    { title: 'Charlie lost phone', severity: 'SEV4', category: 'lost-device', detectedAt: '2026-01-04T10:00:00Z' },
    { title: 'Delta ransomware on backup host', severity: 'SEV2', category: 'ransomware', detectedAt: '2026-01-01T10:00:00Z' },
  ] as const;
  for (const s of seed) await api('incidents.create', { ...s });
  await page.reload();

  // Default: newest detection first.
  await expect(list.rows()).toHaveCount(4);
  expect(await list.titles()).toEqual(['Alpha phishing campaign', 'Charlie lost phone', 'Bravo ransomware outbreak', 'Delta ransomware on backup host']);

  await list.sortBy('Title');
  await expect(list.grid.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => list.titles()).toEqual(['Alpha phishing campaign', 'Bravo ransomware outbreak', 'Charlie lost phone', 'Delta ransomware on backup host']);
  await list.sortBy('Title');
  await expect(list.grid.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => list.titles()).toEqual(['Delta ransomware on backup host', 'Charlie lost phone', 'Bravo ransomware outbreak', 'Alpha phishing campaign']);

  await list.filterBy('Category', 'Ransomware');
  await expect.poll(() => list.titles()).toEqual(['Delta ransomware on backup host', 'Bravo ransomware outbreak']);
  await expect(list.count).toHaveText('2 incidents match the filters');

  await list.filterBy('Severity', /SEV1/);
  await expect.poll(() => list.titles()).toEqual(['Bravo ransomware outbreak']);

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(list.rows()).toHaveCount(4);

  // `/` focuses the text filter.
  await list.grid.focus();
  await page.keyboard.press('/');
  await expect(list.filter).toBeFocused();
  await page.keyboard.type('phone');
  await expect.poll(() => list.titles()).toEqual(['Charlie lost phone']);
  await list.filter.fill('no such incident');
  await expect(page.getByRole('heading', { name: 'No incidents match these filters' })).toBeVisible();
});

test('the column chooser hides a column and remembers it', async ({ page, openApp, setup, api, list }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('incidents.create', { title: 'Some incident', severity: 'SEV3', category: 'other' });
  await page.reload();
  await expect(list.grid.getByRole('columnheader', { name: 'Category' })).toBeVisible();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByRole('checkbox', { name: 'Category' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(list.grid.getByRole('columnheader', { name: 'Category' })).toHaveCount(0);
  await page.reload();
  await expect(list.rows()).toHaveCount(1);
  await expect(list.grid.getByRole('columnheader', { name: 'Category' })).toHaveCount(0);
});
