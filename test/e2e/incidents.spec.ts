import { ADMIN, expect, test } from './fixtures';

test.beforeEach(async ({ openApp, setup }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
});

test('creates an incident and edits it; the timeline shows each change', async ({ page, list, detail }) => {
  const ref = await list.create({ title: 'Ransom note on FS-02', severity: 'SEV2', category: 'Ransomware', summary: 'Files renamed .lock' });
  await expect(detail.title).toHaveText('Ransom note on FS-02');
  await detail.timelineEntry(/Declared incident/);

  await detail.edit({ Title: 'Ransomware on file server FS-02', Severity: 'SEV1', 'Reporter email': 'soc@example.com' });
  await expect(detail.title).toHaveText('Ransomware on file server FS-02');
  await expect(page.getByText(`Saved 3 changes to ${ref}`)).toBeVisible();
  const change = await detail.timelineEntry(/Updated/);
  await expect(change).toContainText('Ransom note on FS-02');
  await expect(change).toContainText('Ransomware on file server FS-02');
  await expect(change).toContainText('SEV2');
  await expect(change).toContainText('SEV1');

  // Back to the list: the row is there, and Enter opens it again.
  await page.getByRole('link', { name: 'Incidents' }).first().click();
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first()).toContainText('Ransomware on file server FS-02');
  await list.grid.focus();
  await page.keyboard.press('Enter');
  await expect(detail.ref).toHaveText(ref);
});

test('invalid input comes back inline from the API', async ({ page, list, detail }) => {
  await list.create({ title: 'Phishing wave', severity: 'SEV3', category: 'Phishing' });
  await detail.editButton.click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await form.getByLabel('Reporter email', { exact: true }).fill('not-an-email');
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form.locator('.field-error')).not.toHaveCount(0);
  await expect(form.getByLabel('Reporter email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test('a status change and its way back appear on the timeline', async ({ page, list, detail }) => {
  await list.create({ title: 'Lost laptop', severity: 'SEV3', category: 'Lost device' });
  await detail.moveTo('Triaged');
  await detail.timelineEntry('Moved status Detected → Triaged');
  await expect(detail.stepper.locator('[aria-current="step"]')).toContainText('Triaged');

  await detail.moveTo('Contained');
  await detail.timelineEntry('Moved status Triaged → Contained');

  await detail.stepper.getByRole('button', { name: 'Move back to Triaged' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move back to Triaged?' });
  await dialog.getByRole('button', { name: 'Move back' }).click();
  await expect(dialog.getByText(/Say why/)).toBeVisible();
  await dialog.getByLabel('Reason').fill('Device still online: not contained');
  await dialog.getByRole('button', { name: 'Move back' }).click();
  await expect(dialog).toBeHidden();
  const back = await detail.timelineEntry('Moved status Contained → Triaged');
  await expect(back).toContainText('Device still online: not contained');
});

test('adds a note to the timeline', async ({ list, detail }) => {
  await list.create({ title: 'Suspicious login', severity: 'SEV4', category: 'Account takeover' });
  await detail.noteBox.fill('Called the user: login was theirs, from a hotel.');
  await detail.addNote.click();
  const note = await detail.timelineEntry('Called the user: login was theirs, from a hotel.');
  await expect(note).toContainText('Added a note');
  await expect(note).toContainText(ADMIN.name);
  await expect(detail.noteBox).toHaveValue('');
});

test('changes made elsewhere appear live through the push channel', async ({ page, api, list, detail }) => {
  const ref = await list.create({ title: 'Live refresh', severity: 'SEV3', category: 'Other' });
  await detail.timelineEntry(/Declared incident/);
  // Another client (same API, outside this page's React state) adds a note and changes the title.
  await api('incidents.addNote', { ref, text: 'Posted from another window' });
  await api('incidents.update', { ref, patch: { title: 'Live refresh (renamed elsewhere)' } });
  await detail.timelineEntry('Posted from another window');
  await expect(detail.title).toHaveText('Live refresh (renamed elsewhere)');

  await page.getByRole('link', { name: 'Incidents' }).first().click();
  await expect(list.rows().first()).toContainText('Live refresh (renamed elsewhere)');
  await api('incidents.create', { title: 'Created by the CLI meanwhile', severity: 'SEV4', category: 'other' });
  await expect(list.rows()).toHaveCount(2);
});
