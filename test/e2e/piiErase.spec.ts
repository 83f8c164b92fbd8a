import { ADMIN, expect, test } from './fixtures';

/**
 * Issue 13, High 2: an erased incident's personal fields are empty for good. The page must say so,
 * with when, by whom and why, so that no one reads the empty fields as "nobody reported it".
 */
test("an erased incident's page says its personal data was erased, when, by whom and why", async ({ page, openApp, setup, api, list, detail }, testInfo) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  const incident = await api('incidents.create', {
    title: 'Misdirected payroll mail', severity: 'SEV3', category: 'data-breach',
    reporterName: 'Zelda Quillfeather', reporterEmail: 'zelda@quill.example', affectedPeople: ['Ann Example'],
  });
  await api('pii.erase', { ref: incident.ref, reason: 'Art. 17 request, ticket DPO-118' });

  await expect(list.rows()).toHaveCount(1);
  await list.rows().first().click();
  await expect(detail.ref).toHaveText(incident.ref);
  const note = page.getByRole('note').filter({ hasText: 'Personal data erased on' });
  await expect(note).toContainText(`by ${ADMIN.name} (Art. 17 request, ticket DPO-118): the key was destroyed, and no one can read these values again — nor the answers to runbook steps marked personal.`);
  // The empty fields say why, rather than reading as "nobody reported it".
  await expect(page.getByText('Erased', { exact: true })).toHaveCount(4);
  await expect(page.getByText('Zelda Quillfeather')).toHaveCount(0);
  await expect(page.getByText('Ann Example')).toHaveCount(0);
  await expect(page.getByText('Erased the personal data for good (its key destroyed)')).toBeVisible();
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('erased.png') });
});

/**
 * The erasure through the page: an administrator (pii:erase) erases from the incident, in a dialog
 * that names the incident, says what goes and that it cannot be undone, wants a reason and the
 * reference typed, and shows the API's refusal in place. Driven by the keyboard.
 */
test('an administrator erases an incident\'s personal data from its page, by keyboard, after naming it and saying why', async ({ page, openApp, setup, api, list, detail }, testInfo) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  const plain = await api('incidents.create', { title: 'Printer offline', severity: 'SEV4', category: 'other' });
  const incident = await api('incidents.create', {
    title: 'Payroll file sent to the wrong customer', severity: 'SEV2', category: 'data-breach',
    reporterName: 'Jonas Wetherell', reporterEmail: 'jonas@wetherell.example', reporterPhone: '+44 20 7946 0001', affectedPeople: ['Mira Oakfield'],
  });

  // A refusal is shown in the dialog and changes nothing: this incident holds no personal data.
  await expect(list.rows()).toHaveCount(2);
  await list.rows().filter({ hasText: plain.ref }).click();
  await expect(detail.ref).toHaveText(plain.ref);
  await page.getByRole('button', { name: 'Erase personal data…' }).click();
  let dialog = page.getByRole('dialog', { name: `Erase the personal data of ${plain.ref}?` });
  await page.keyboard.type('retention period ended');
  await page.keyboard.press('Tab');
  await page.keyboard.type(plain.ref);
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(`Not erased: ${plain.ref} holds no personal data: there is nothing to erase`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.goBack();
  await list.rows().filter({ hasText: incident.ref }).click();
  await expect(detail.ref).toHaveText(incident.ref);
  await expect(page.getByText('Jonas Wetherell')).toBeVisible();
  const open = page.getByRole('button', { name: 'Erase personal data…' });
  await open.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('erase-button.png') });
  await open.focus();
  await page.keyboard.press('Enter');
  dialog = page.getByRole('dialog', { name: `Erase the personal data of ${incident.ref}?` });
  await expect(dialog).toContainText('This cannot be undone.');
  await expect(dialog).toContainText('Payroll file sent to the wrong customer');
  await expect(dialog.getByRole('list', { name: 'What is erased' })).toHaveText([
    "the reporter's name, e-mail and phone", 'the people affected (their names)', 'the answers to runbook steps marked personal, in every run of this incident',
  ].join(''));
  // Nothing given: both are asked for, nothing is erased.
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await expect(dialog.getByText('Say why (a request under Art. 17, a retention period that ended): it is recorded with the erasure.')).toBeVisible();
  await expect(dialog.getByText(`Type ${incident.ref} to confirm which incident's personal data goes.`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('erase-dialog-empty.png') });
  // The reason field has the focus; the wrong reference is refused too.
  await dialog.getByLabel('Reason (recorded with the erasure)').focus();
  await page.keyboard.type('Art. 17 request, ticket DPO-311');
  await page.keyboard.press('Tab');
  await page.keyboard.type(plain.ref);
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(`Type ${incident.ref} to confirm which incident's personal data goes.`)).toBeVisible();
  expect((await api('incidents.get', { ref: incident.ref })).reporterName).toBe('Jonas Wetherell');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(incident.ref);
  await page.screenshot({ path: testInfo.outputPath('erase-dialog-filled.png') });
  await page.keyboard.press('Enter');

  await expect(dialog).toHaveCount(0);
  const note = page.getByRole('note').filter({ hasText: 'Personal data erased on' });
  await expect(note).toContainText(`by ${ADMIN.name} (Art. 17 request, ticket DPO-311)`);
  await expect(page.getByText('Jonas Wetherell')).toHaveCount(0);
  await expect(page.getByText('Mira Oakfield')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Erase personal data…' })).toHaveCount(0);
  await expect(page.getByText('Erased the personal data for good (its key destroyed)')).toBeVisible();
  expect(await api('incidents.get', { ref: incident.ref })).toMatchObject({ reporterName: null, personalData: { state: 'erased', reason: 'Art. 17 request, ticket DPO-311' } });
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('erase-done.png') });
});
