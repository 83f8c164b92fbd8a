import { withRawDb } from '../helpers/rawDb';
import { ADMIN, expect, test } from './fixtures';

/**
 * Issue 11 §2: a jurisdiction code is checked where it is typed. UK is shown as GB (United
 * Kingdom) before saving and saved as GB; XX is refused next to its row with the nearest codes;
 * a code stored before codes were checked is named on the incident page and in the assessment.
 */
test('the affected-people form maps UK to GB before saving, and refuses XX with suggestions next to the field', async ({ page, openApp, setup, api, shell, list, detail }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  const incident = await api('incidents.create', {
    title: 'Ransomware with exfiltration', severity: 'SEV1', category: 'ransomware', dataCategories: ['contact'],
    affected: [{ jurisdiction: 'DE', count: 40 }],
  });
  await shell.goTo('Incidents');
  await list.rows().first().click();
  await expect(detail.ref).toHaveText(incident.ref);

  await detail.editButton.click();
  const form = detail.editForm();
  await detail.setAffected(2, 'uk', 85);
  // The name of a valid code is shown (CA would say Canada), and the alias says what it is saved as.
  await expect(form.locator('#edit-affected-row-0-code')).toHaveText('Germany');
  const mapped = form.getByTestId('jurisdiction-mapped');
  await expect(mapped).toHaveText("UK → GB (United Kingdom) — saved as GB: ISO 3166-1 only reserves UK; the United Kingdom's code is GB.");
  await expect(form.getByLabel('Jurisdiction, row 2', { exact: true })).toHaveAttribute('aria-describedby', 'edit-affected-row-1-code');
  await page.screenshot({ path: '/tmp/jurisdiction-uk-mapped.png', fullPage: true });
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form).toBeHidden();

  const facts = page.getByRole('region', { name: 'Details' }).or(page.locator('section[aria-labelledby="details-title"]'));
  await expect(facts.getByRole('row', { name: /GB United Kingdom 85/ })).toBeVisible();
  expect((await api('incidents.get', { ref: incident.ref })).affected).toEqual([{ jurisdiction: 'DE', count: 40 }, { jurisdiction: 'GB', count: 85 }]);
  await expect(await detail.timelineEntry('Updated affected')).toContainText('Read as ISO 3166: UK → GB (United Kingdom)');
  // The assessment reads GB: UK GDPR is among the obligations, not "does not apply (affected in GB: 0)".
  // With no breach facts yet, the regimes that may apply are folded behind one control: open it.
  await page.getByTestId('notifications').locator('summary', { hasText: 'may apply' }).click();
  await expect(page.getByTestId('notifications').locator('tr[data-regime="uk-gdpr-art33"]')).toBeVisible();

  // XX: refused next to its row, with the nearest codes to pick; Save sends nothing.
  await detail.editButton.click();
  await detail.setAffected(3, 'XX', 7);
  const refused = form.getByTestId('jurisdiction-refused');
  await expect(refused).toContainText('XX is not a country code (ISO 3166-1) or a US state (like DE or US-CA). Did you mean');
  for (const code of ['AX', 'CX', 'MX', 'SX']) await expect(refused.getByRole('button', { name: new RegExp(`^Use ${code} `) })).toBeVisible();
  await expect(form.getByLabel('Jurisdiction, row 3', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  const before = (await api('audit.list', { limit: 1 })).total;
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form.getByRole('alert')).toHaveText('Not saved: Row 3 has no valid jurisdiction code: correct it (a suggestion fills it in) or remove the row.');
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(form.getByLabel('Jurisdiction, row 3', { exact: true })).toBeFocused();
  await page.screenshot({ path: '/tmp/jurisdiction-xx-refused.png', fullPage: true });
  expect((await api('audit.list', { limit: 1 })).total).toBe(before);
  expect((await api('incidents.get', { ref: incident.ref })).affected).toHaveLength(2);

  // A suggestion fills the row in; then it saves.
  await refused.getByRole('button', { name: /^Use MX / }).click();
  await expect(form.getByLabel('Jurisdiction, row 3', { exact: true })).toHaveValue('MX');
  await expect(form.getByTestId('jurisdiction-refused')).toHaveCount(0);
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form).toBeHidden();
  expect((await api('incidents.get', { ref: incident.ref })).affected).toEqual([
    { jurisdiction: 'DE', count: 40 }, { jurisdiction: 'GB', count: 85 }, { jurisdiction: 'MX', count: 7 },
  ]);

  // The breach facts' "Established in" says what each code is as it is typed, and refuses XX with the nearest codes.
  const panel = page.getByTestId('notifications');
  await panel.getByRole('button', { name: 'Breach facts…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Breach facts' });
  const established = dialog.getByLabel('Established in');
  await established.fill('uk, de');
  await expect(dialog.locator('#fact-establishedIn-hint')).toHaveText('UK → GB (United Kingdom) · DE Germany');
  await established.fill('DE, XX');
  await dialog.getByRole('button', { name: 'Save and re-assess' }).click();
  await expect(dialog.locator('#fact-establishedIn-error')).toHaveText(/^XX is not a country code .*did you mean AX \(Åland Islands\), CX \(Christmas Island\), MX \(Mexico\) or SX \(Sint Maarten\)\?$/);
  await expect(established).toHaveAttribute('aria-invalid', 'true');
  await established.fill('UK');
  await dialog.getByRole('button', { name: 'Save and re-assess' }).click();
  await expect(dialog).toBeHidden();
  expect((await api('notify.facts.get', { ref: incident.ref })).facts.establishedIn).toEqual(['GB']);
  await expect(await detail.timelineEntry('Changed the breach facts: established in')).toContainText('Read as ISO 3166: UK → GB (United Kingdom)');
});

test('codes stored before codes were checked are named on the incident page and in the assessment, not rewritten', async ({ page, openApp, setup, api, shell, list, server }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  const incident = await api('incidents.create', { title: 'Mailbox exposed', severity: 'SEV2', category: 'data-breach', dataCategories: ['contact'] });
  await api('notify.facts.set', { ref: incident.ref, patch: { personalData: true, awareAt: new Date(Date.now() - 3_600_000).toISOString(), riskToIndividuals: 'high', encrypted: false } });
  const key = (await api('vault.exportKey', {})).keyHex;
  const stored = JSON.stringify([{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'XX', count: 7 }]);
  withRawDb(server.dataDir, key, (db) => db.prepare('UPDATE incidents SET affected = ? WHERE ref = ?').run(stored, incident.ref));

  await shell.goTo('Incidents');
  await list.rows().first().click();
  const warning = page.getByTestId('stored-code-warning');
  await expect(warning).toContainText('2 jurisdiction codes need correcting');
  await expect(warning).toContainText('85 people recorded under UK');
  await expect(warning).toContainText('read as GB (United Kingdom)');
  await expect(warning).toContainText('7 people recorded under XX: XX is not a country code');
  await expect(page.locator('section[aria-labelledby="details-title"]').getByRole('row', { name: /XX not a jurisdiction code 7/ })).toBeVisible();
  const notes = page.getByTestId('jurisdiction-notes');
  await expect(notes).toContainText('Jurisdiction codes to correct');
  await expect(notes).toContainText('No regime can match it');
  await expect(page.getByTestId('notifications').locator('tr[data-regime="uk-gdpr-art33"]')).toBeVisible();
  await page.screenshot({ path: '/tmp/jurisdiction-stored-top.png' });
  await notes.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/jurisdiction-stored-assessment.png' });
  // The warning leads to the fix: an ordinary edit.
  await warning.getByRole('button', { name: 'Correct them in Edit details' }).click();
  await expect(page.getByRole('form', { name: 'Edit details' }).getByTestId('jurisdiction-refused')).toContainText('XX is not a country code');
  withRawDb(server.dataDir, key, (db) => expect((db.prepare('SELECT affected FROM incidents WHERE ref = ?').get(incident.ref) as { affected: string }).affected).toBe(stored));
});

const RUNBOOK = `format: 1
id: codes-test
title: Codes test
version: 1.0.0
summary: An input step that writes the affected counts, and one that takes jurisdictions.
appliesTo: { categories: [data-breach], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: count, kind: input, title: People affected, phase: { csf: Respond, picerl: Containment }, name: affected, type: affected-counts, writes: affected }
  - { id: where, kind: input, title: Where we are established, phase: { csf: Respond, picerl: Containment }, name: where, type: jurisdictions }
`;

test('runbook inputs show what each code is, map UK to GB and refuse XX before anything is sent', async ({ page, openApp, setup, api, shell, list, run }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('runbooks.import', { name: 'codes-test.yaml', text: RUNBOOK });
  const incident = await api('incidents.create', { title: 'Customer list exposed', severity: 'SEV2', category: 'data-breach', affected: [{ jurisdiction: 'GB', count: 85 }] });
  await api('runs.start', { ref: incident.ref, runbookId: 'codes-test' });
  await shell.goTo('Incidents');
  await list.rows().first().click();
  await run.open('Codes test');

  const count = run.step('People affected');
  await count.getByRole('button', { name: 'Add jurisdiction' }).click();
  await count.getByLabel('Jurisdiction, row 1', { exact: true }).fill('uk');
  await count.getByLabel('People affected, row 1', { exact: true }).fill('85');
  await expect(count.getByTestId('jurisdiction-mapped')).toContainText('UK → GB (United Kingdom) — saved as GB');
  await count.getByRole('button', { name: 'Add jurisdiction' }).click();
  await count.getByLabel('Jurisdiction, row 2', { exact: true }).fill('XX');
  await expect(count.getByTestId('jurisdiction-refused')).toContainText('Did you mean');
  const before = (await api('audit.list', { limit: 1 })).total;
  await count.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(count.locator('.field-error').last()).toHaveText('Row 2 has no valid jurisdiction code: correct it (a suggestion fills it in) or remove the row.');
  await run.expectState('People affected', 'available');
  await page.screenshot({ path: '/tmp/jurisdiction-run-input.png' });
  expect((await api('audit.list', { limit: 1 })).total).toBe(before);
  await count.getByRole('button', { name: 'Remove row 2' }).click();
  await count.getByRole('button', { name: 'Done', exact: true }).click();
  await run.expectState('People affected', 'done');
  // UK over the corrected GB writes GB again, never UK.
  expect((await api('incidents.get', { ref: incident.ref })).affected).toEqual([{ jurisdiction: 'GB', count: 85 }]);

  const where = run.step('Where we are established');
  await where.getByLabel('Jurisdictions', { exact: true }).fill('uk, de');
  await expect(where.locator('.field-hint')).toHaveText('UK → GB (United Kingdom) · DE Germany');
  await where.getByRole('button', { name: 'Done', exact: true }).click();
  await run.expectState('Where we are established', 'done');
  const view = (await api('runs.list', { ref: incident.ref }))[0];
  expect(view?.steps.find((s) => s.definition.id === 'where')?.value).toEqual(['GB', 'DE']);
});
