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
  const note = page.getByRole('note').filter({ hasText: 'Erased on' });
  await expect(note).toContainText(`by ${ADMIN.name} (Art. 17 request, ticket DPO-118): the key was destroyed, and no one can read these values again.`);
  // The empty fields say why, rather than reading as "nobody reported it".
  await expect(page.getByText('Erased', { exact: true })).toHaveCount(4);
  await expect(page.getByText('Zelda Quillfeather')).toHaveCount(0);
  await expect(page.getByText('Ann Example')).toHaveCount(0);
  await expect(page.getByText('Erased the personal data for good (its key destroyed)')).toBeVisible();
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('erased.png') });
});
