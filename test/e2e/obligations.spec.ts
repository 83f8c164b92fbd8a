import { ADMIN, expect, test } from './fixtures';

const LENA = { name: 'lena', passphrase: 'counsel reviews every notice 9' };
const LUIS = { name: 'luis', passphrase: 'second pair of eyes 4 notices' };

/**
 * Issue 11 §1 and §5 in the browser: Approve says what blocks it and links to where it is fixed;
 * the approval state reads "1 of 2 approvals (lena)"; a notice marked sent shows as sent with its
 * margin and leaves the board; legal decides an obligation not required with a reason; a closed
 * incident's unmet obligations stay on the Deadlines board.
 */
test('approval blockers are named with their fix; a sent notice and a decision end their obligations; closing ends none', async ({
  page, openApp, setup, api, shell, list, signIn,
}) => {
  test.setTimeout(120_000);
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  const aware = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const incident = await api('incidents.create', {
    title: 'Customer database copied by an intruder', severity: 'SEV1', category: 'data-breach', dataCategories: ['contact'],
    affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-TX', count: 300 }],
  });
  await api('notify.facts.set', {
    ref: incident.ref,
    patch: {
      personalData: true, riskToIndividuals: 'high', encrypted: false, awareAt: aware, discoveredAt: aware, determinedAt: aware,
      nature: 'An intruder used a stolen administrator password to copy the customer database.',
      likelyConsequences: 'Phishing e-mails using customers\' names.', measuresTaken: 'Passwords reset.', adviceToIndividuals: 'Be wary of e-mails.',
      contactPoint: 'Dr. Eva Müller, dpo@example-shop.de', delayReasons: 'Not delayed.',
    },
  });
  await api('settings.notifyPlan.set', { twoApprovers: true });
  for (const u of [LENA, LUIS]) await api('users.add', { name: u.name, role: 'legal', passphrase: u.passphrase, mustChangePassphrase: false });

  // No letterhead yet: the notice lacks the organisation, and Approve says so, pointing to Settings.
  await shell.goTo('Incidents');
  await list.rows().first().click();
  const panel = page.getByTestId('notifications');
  await panel.getByRole('button', { name: 'Draft the GDPR Art. 33 notice' }).click();
  let draft = page.getByTestId('draft');
  const approve = draft.getByRole('button', { name: /^Approve version/ });
  await expect(approve).toBeDisabled();
  const blockers = draft.getByTestId('approve-blockers');
  await expect(blockers).toContainText('Missing: name and contact details of the organisation');
  await expect(blockers.getByRole('link', { name: /Settings › Letterhead/ })).toHaveAttribute('href', '#/settings');
  // The admin drafted it: with two approvers the last editor may not approve.
  await expect(blockers).toContainText('You wrote version 1: with two approvers, neither may be the last editor.');
  await expect(draft.getByTestId('approvals')).toHaveText(/^No approval yet \(2 needed\)/);
  await page.screenshot({ path: test.info().outputPath('approval-blocked.png') });

  // The letterhead set, the text rewritten from it: only the editor rule is left for the admin.
  await api('settings.letterhead.set', {
    organisation: 'Example Shop GmbH', address: 'Hauptstraße 1\n10115 Berlin', email: 'privacy@example-shop.de', phone: '+49 30 1234567',
    website: 'https://example-shop.de', dpo: 'Dr. Eva Müller, dpo@example-shop.de', signatory: 'Jana Schmidt, General Counsel',
  });
  await draft.getByRole('button', { name: 'Rewrite from the facts' }).click();
  await expect(draft.getByTestId('placeholders')).toHaveCount(0);
  await expect(blockers).not.toContainText('Missing');
  await expect(approve).toBeDisabled();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  // Lena approves: "1 of 2 approvals (lena)", and she cannot approve twice.
  await shell.signOut.click();
  await signIn.signIn(LENA.name, LENA.passphrase);
  await shell.goTo('Incidents');
  await list.rows().first().click();
  await panel.getByRole('table', { name: 'Notices' }).getByRole('button', { name: 'Open' }).click();
  draft = page.getByTestId('draft');
  await expect(draft.getByRole('button', { name: 'Approve version 2' })).toBeEnabled();
  await draft.getByRole('button', { name: 'Approve version 2' }).click();
  await expect(draft.getByTestId('approvals')).toContainText('1 of 2 approvals (lena)');
  await expect(draft.getByTestId('draft-status')).toHaveText('Draft');
  await expect(draft.getByRole('button', { name: 'Approve version 2' })).toBeDisabled();
  await expect(draft.getByTestId('approve-blockers')).toContainText('You approved version 2 already: the second approval must come from someone else.');
  await page.screenshot({ path: test.info().outputPath('one-of-two.png') });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  // Luis gives the second approval and records the notice as sent.
  await shell.signOut.click();
  await signIn.signIn(LUIS.name, LUIS.passphrase);
  await shell.goTo('Incidents');
  await list.rows().first().click();
  await panel.getByRole('table', { name: 'Notices' }).getByRole('button', { name: 'Open' }).click();
  draft = page.getByTestId('draft');
  await draft.getByRole('button', { name: 'Approve version 2' }).click();
  await expect(draft.getByTestId('approvals')).toContainText('Approved by lena and luis');
  await draft.getByLabel('Sent to').fill('BfDI online form, ref 2026-118');
  await draft.getByRole('button', { name: 'Mark as sent' }).click();
  await expect(draft.getByTestId('draft-status')).toHaveText('Sent');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  // The obligation shows as met, with its margin; no clock runs for it any more.
  const art33 = panel.getByRole('table', { name: 'Notification obligations' }).locator('tr[data-regime="eu-gdpr-art33"]').first();
  await expect(art33.getByTestId('sent')).toContainText(/Sent ✓ .* — \d+ d \d+ h before the deadline/);
  await expect(art33.getByTestId('sent')).toContainText('recorded by luis');
  await expect(art33.getByTestId('time-left')).not.toContainText(/^in /);
  await art33.screenshot({ path: test.info().outputPath('art33-sent.png') });

  // Legal decides the Texas AG notice is not required, with the reason.
  await panel.getByRole('button', { name: /Attorney General\) notice is not required/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Record: not required' }).click();
  await expect(dialog.getByText('Say why: the reason is kept in the log with the decision.')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Our processor notified the Texas AG for all 300 residents (letter in evidence)');
  await dialog.getByRole('button', { name: 'Record: not required' }).click();
  const decided = panel.getByTestId('decided');
  await expect(decided).toContainText('decided not required by luis');
  await expect(decided).toContainText('Our processor notified the Texas AG');
  await page.screenshot({ path: test.info().outputPath('sent-and-decided.png'), fullPage: true });

  // Closing the incident ends none of the rest: the board keeps them, marked as a closed incident's.
  await shell.signOut.click();
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.goTo('Incidents');
  for (const status of ['triaged', 'contained', 'eradicated', 'recovered', 'closed'] as const) {
    await api('incidents.setStatus', { ref: incident.ref, status, reason: 'Closed with the people still to be told, on purpose' });
  }
  await shell.goTo('Deadlines');
  const board = page.getByRole('table', { name: 'Open notification deadlines' });
  await expect(board.locator('tr[data-regime="eu-gdpr-art34"]')).toContainText('incident closed');
  await expect(board.locator('tr[data-regime="eu-gdpr-art33"]')).toHaveCount(0);
  await expect(board.locator('tr[data-regime="us-tx-ag"]')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('board-closed-incident.png'), fullPage: true });
});
