import { ADMIN, expect, test } from './fixtures';

/** `datetime-local` text for a moment `hoursAgo` before now, in the browser's (= this process's) zone. */
function localInput(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3_600_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

test('a breach of EU, California and Texas residents: facts filled in, obligations with deadlines, the board across incidents', async ({
  page, openApp, setup, api, shell, list,
}) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  const incident = await api('incidents.create', {
    title: 'Customer database copied by an intruder', severity: 'SEV1', category: 'data-breach', dataCategories: ['contact', 'financial'],
    affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-CA', count: 800 }, { jurisdiction: 'US-TX', count: 300 }],
  });
  await shell.goTo('Incidents');
  await list.rows().first().click();

  const panel = page.getByTestId('notifications');
  await expect(panel.getByTestId('not-legal-advice')).toContainText('Decision support, not legal advice');
  // Nothing is known yet beyond the incident's own fields: the engine says what it needs.
  await expect(panel.getByTestId('missing-facts')).toContainText('Personal data affected');
  await expect(panel.getByTestId('missing-facts')).toContainText('Became aware of the breach');

  await panel.getByRole('button', { name: 'Breach facts…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Breach facts' });
  await dialog.getByLabel('Became aware of the breach').fill(localInput(30));
  await dialog.getByLabel('Discovered').fill(localInput(40));
  await dialog.getByLabel('Determined it is a (notifiable) breach').fill(localInput(30));
  await dialog.getByLabel('Personal data affected').selectOption('yes');
  await dialog.getByLabel('Data was encrypted (unintelligible)').selectOption('no');
  await dialog.getByLabel('Risk to the people concerned').selectOption('high');
  await dialog.getByLabel('Established in').fill('US-NY');
  await dialog.getByRole('button', { name: 'Save and re-assess' }).click();
  await expect(dialog).toBeHidden();

  const table = panel.getByRole('table', { name: 'Notification obligations' });
  // GDPR Art. 33(1): 72 h from awareness, 30 h ago → 42 h left.
  const art33 = table.locator('tr[data-regime="eu-gdpr-art33"]');
  await expect(art33).toContainText('Notify');
  await expect(art33.getByTestId('time-left')).toHaveText(/^in 1 d 1[78] h$/);
  await expect(art33.getByTestId('due')).toContainText(/CES?T/);
  // California and the Texas Attorney General (≥250 Texans) apply; Art. 34 too (high risk, not encrypted).
  for (const id of ['us-ca-1798-82', 'us-tx-ag', 'us-tx-individuals', 'eu-gdpr-art34']) await expect(table.locator(`tr[data-regime="${id}"]`).first()).toBeVisible();
  await expect(panel.locator('details.not-applicable summary')).toContainText('Not required, exempt or not applicable');

  // The change is in the hash chain with its old and new values.
  const log = await api('audit.list', { type: 'notify.facts_changed' });
  expect(log.rows[0]).toMatchObject({ incidentRef: incident.ref, data: { changes: { personalData: { from: null, to: true } } } });

  // Every open obligation across incidents, soonest first.
  await shell.goTo('Deadlines');
  const board = page.getByRole('table', { name: 'Open notification deadlines' });
  const first = board.locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-regime', 'eu-gdpr-art33');
  await expect(first).toContainText(incident.ref);
  await expect(page.getByTestId('not-legal-advice')).toBeVisible();
});
