import { readFile } from 'node:fs/promises';
import { ADMIN, expect, test } from './fixtures';

const LEGAL = { name: 'lena', passphrase: 'counsel reviews every notice 9' };

/** `datetime-local` text for a moment `hoursAgo` before now, in the browser's (= this process's) zone. */
function localInput(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3_600_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

test('a breach of EU, California and Texas residents: facts, deadlines, the board, a notice drafted, approved by legal, exported as PDF and marked sent', async ({
  page, openApp, setup, api, shell, list, signIn,
}) => {
  test.setTimeout(120_000);
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
  // California's deadline changed in 2026 and the sources read here disagree: the conservative reading is shown, and said.
  await expect(table.locator('tr[data-regime="us-ca-1798-82"]').getByTestId('conflict').first()).toContainText('Deadline shown:');

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

  // The notice: what the letter needs beyond the deadlines, and who writes and signs.
  await api('settings.letterhead.set', {
    organisation: 'Example Shop GmbH', address: 'Hauptstraße 1\n10115 Berlin', email: 'privacy@example-shop.de', phone: '+49 30 1234567',
    website: 'https://example-shop.de', dpo: 'Dr. Eva Müller, dpo@example-shop.de', signatory: 'Jana Schmidt, General Counsel',
  });
  await api('notify.facts.set', {
    ref: incident.ref,
    patch: {
      nature: 'An intruder used a stolen administrator password to copy the customer database.',
      likelyConsequences: 'Phishing e-mails using customers\' names and order history.',
      measuresTaken: 'Password reset, the account disabled, access logs reviewed.',
      adviceToIndividuals: 'Be wary of e-mails asking for payment details.',
      contactPoint: 'Dr. Eva Müller, dpo@example-shop.de',
    },
  });
  await api('users.add', { name: LEGAL.name, role: 'legal', passphrase: LEGAL.passphrase, mustChangePassphrase: false });
  await shell.goTo('Incidents');
  await list.rows().first().click();
  await panel.getByRole('button', { name: 'Draft the GDPR Art. 33 notice' }).click();
  let draft = page.getByTestId('draft');
  await expect(draft.getByTestId('draft-status')).toHaveText('Draft');
  await expect(draft.getByRole('list', { name: 'Required contents' }).locator('li[data-present="false"]')).toHaveCount(0);
  await expect(draft.getByTestId('placeholders')).toHaveCount(0);
  await expect(draft.getByLabel('Text of the notice')).toHaveValue(/An intruder used a stolen administrator password/);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  // Legal approves, exports the PDF letter and records it as sent.
  await shell.signOut.click();
  await signIn.signIn(LEGAL.name, LEGAL.passphrase);
  await shell.goTo('Incidents');
  await list.rows().first().click();
  await panel.getByRole('table', { name: 'Notices' }).getByRole('button', { name: 'Open' }).click();
  draft = page.getByTestId('draft');
  await draft.getByRole('button', { name: 'Approve version 1' }).click();
  await expect(draft.getByTestId('draft-status')).toHaveText('Approved');
  await expect(draft.getByTestId('approvals')).toContainText('Approved by lena');
  await draft.getByLabel('Format').selectOption('pdf');
  const [download] = await Promise.all([page.waitForEvent('download'), draft.getByRole('button', { name: 'Download' }).click()]);
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(draft.getByTestId('export-hash')).toContainText('PDF of version 1');
  await draft.getByLabel('Sent via').selectOption('portal');
  await draft.getByLabel('Sent to').fill('Berlin data protection authority, online form');
  await draft.getByRole('button', { name: 'Mark as sent' }).click();
  await expect(draft.getByTestId('draft-status')).toHaveText('Sent');
  const { createHash } = await import('node:crypto');
  await expect(draft.getByTestId('sent')).toContainText(createHash('sha256').update(pdf).digest('hex'));
  // Sent is final: the text cannot be changed, only supplemented.
  await expect(draft.getByLabel('Text of the notice')).toHaveAttribute('readonly', '');
  await expect(draft.getByRole('button', { name: 'Write a supplementary notice' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  // The timeline shows it, and the chain holds the exact hash.
  const events = await api('timeline.forIncident', { ref: incident.ref });
  expect(events.find((e) => e.type === 'notify.sent')).toMatchObject({ actor: LEGAL.name, data: { sha256: createHash('sha256').update(pdf).digest('hex') } });
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(/sent/i);
});

test('an administrator sets the letterhead, the notification plan and the alarm thresholds; each change is logged', async ({ page, openApp, setup, api, shell }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Settings');
  await page.getByLabel('Organisation').fill('Example Shop GmbH');
  await page.getByLabel('E-mail').fill('privacy@example-shop.de');
  await page.getByRole('button', { name: 'Save letterhead' }).click();
  await expect(page.getByText('Letterhead saved')).toBeVisible();
  await page.getByLabel('New notices need approval by two different people (neither the last editor)').check();
  await expect(page.getByText('New notices need two approvers.')).toBeVisible();
  await page.getByLabel('Warn this many hours before a deadline').fill('48, 4');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByText('Alarm thresholds saved')).toBeVisible();
  // A value that is not whole hours is refused on the page, before anything is sent.
  await page.getByLabel('Warn this many hours before a deadline').fill('two days');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('alert')).toContainText('Whole hours, separated by commas');

  expect(await api('settings.letterhead.get', {})).toMatchObject({ organisation: 'Example Shop GmbH', email: 'privacy@example-shop.de' });
  expect(await api('settings.notifyPlan.get', {})).toEqual({ twoApprovers: true });
  expect(await api('settings.alarms.get', {})).toEqual({ hours: [48, 4], source: 'settings' });
  const log = await api('audit.list', { type: 'settings.changed' });
  expect(log.rows).toHaveLength(3);
});
