import { ADMIN, expect, test } from './fixtures';

/**
 * The phase bar tells the truth (issue 11 §3): a jump asks before it skips phases, skipped phases
 * never look done, times set aside by a move back are shown as superseded, not current; and
 * closing over open items (issue 11 §1) shows them and needs a reason.
 */
test.beforeEach(async ({ openApp, setup }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
});

test('a jump asks before skipping; skipped and superseded phases are shown apart from done ones', async ({ page, list, detail }) => {
  const ref = await list.create({ title: 'Ransom note on FS-02', severity: 'SEV1', category: 'Ransomware' });
  await detail.moveTo('Triaged');
  await expect(detail.step('Triaged')).toHaveAttribute('aria-current', 'step');

  // From Triaged, Eradicated passes over Contained: the dialog names it, and Cancel changes nothing.
  await detail.moveTo('Eradicated');
  const skip = page.getByRole('dialog', { name: 'Skip Contained?' });
  await expect(skip).toContainText('passes over Contained');
  await expect(skip).toContainText('skipped: not done, and never given a time by a move');
  await skip.getByRole('button', { name: 'Cancel' }).click();
  await expect(skip).toBeHidden();
  await expect(detail.step('Triaged')).toHaveAttribute('aria-current', 'step');
  await expect(detail.step('Contained')).toHaveAttribute('data-state', 'not-reached');

  await detail.moveTo('Eradicated');
  await page.getByRole('dialog', { name: 'Skip Contained?' }).getByRole('button', { name: 'Skip and move to Eradicated' }).click();
  await expect(detail.step('Eradicated')).toHaveAttribute('aria-current', 'step');
  const contained = detail.step('Contained');
  await expect(contained).toHaveAttribute('data-state', 'skipped');
  await expect(contained).toHaveClass(/step-skipped/);
  await expect(contained).toContainText('Skipped · no time');
  // Never a check mark, never a time: only the done phases have them.
  await expect(contained.locator('.step-time')).toHaveCount(0);
  await expect(detail.step('Triaged')).toHaveClass(/step-done/);
  await expect(detail.keyTime('Contained')).toHaveText('Skipped · no time');
  await detail.timelineEntry(/Moved status Triaged → Eradicated/);
  await expect(await detail.timelineEntry(/Moved status Triaged → Eradicated/)).toContainText('Skipped, no time: Contained');

  // Forward one phase, then back: the later times are named first, then set aside as superseded.
  await detail.moveTo('Recovered');
  await expect(detail.step('Recovered')).toHaveAttribute('aria-current', 'step');
  const eradicatedAt = await detail.step('Eradicated').locator('.step-time').textContent();
  await detail.stepper.getByRole('button', { name: 'Move back to Triaged' }).click();
  const back = page.getByRole('dialog', { name: 'Move back to Triaged?' });
  await expect(back.getByRole('list', { name: 'Times to be superseded' })).toContainText(`Eradicated ${eradicatedAt ?? ''}`);
  await expect(back.getByRole('list', { name: 'Times to be superseded' }).getByRole('listitem')).toHaveCount(2);
  await back.getByLabel('Reason').fill('Second foothold found on the VPN concentrator');
  await back.getByRole('button', { name: 'Move back' }).click();
  await expect(back).toBeHidden();

  await expect(detail.step('Triaged')).toHaveAttribute('aria-current', 'step');
  for (const phase of ['Eradicated', 'Recovered']) {
    const step = detail.step(phase);
    await expect(step).toHaveAttribute('data-state', 'superseded');
    await expect(step).toContainText('Superseded');
    // The old time is there, struck through, and is not shown as the phase's time.
    await expect(step.locator('s.step-superseded-time')).toHaveCount(1);
    await expect(step.locator('.step-time:not(s)')).toHaveCount(0);
    await expect(detail.keyTime(phase)).toContainText('superseded');
  }
  await expect(detail.step('Eradicated').locator('s')).toHaveText(eradicatedAt ?? '');
  // Contained was skipped past; after the move back it is simply not reached yet.
  await expect(detail.step('Contained')).toHaveAttribute('data-state', 'not-reached');
  const moveBack = await detail.timelineEntry(/Moved status Recovered → Triaged/);
  await expect(moveBack).toContainText('Reason: Second foothold found on the VPN concentrator');
  await expect(moveBack).toContainText('Eradicated time');
  await expect(moveBack.locator('.tl-after').first()).toHaveText('superseded');
  // The entries that set those times say they were set aside.
  await expect(await detail.timelineEntry(/Moved status Triaged → Eradicated/)).toContainText(/Eradicated time .* superseded by the move back/);
  await expect(await detail.timelineEntry(/Moved status Eradicated → Recovered/)).toContainText(/Recovered time .* superseded by the move back/);
  await page.screenshot({ path: '/tmp/e2e-phases-superseded.png', fullPage: true });
  await detail.stepper.screenshot({ path: '/tmp/e2e-phase-bar.png' });

  // Reaching a superseded phase again gives it a new time.
  await detail.moveTo('Contained');
  await detail.moveTo('Eradicated');
  await expect(detail.step('Eradicated')).toHaveAttribute('data-state', 'reached');
  await expect(detail.step('Eradicated').locator('s')).toHaveCount(0);
  await expect(detail.step('Recovered')).toHaveAttribute('data-state', 'superseded');
  expect(ref).toMatch(/^IR-/);
});

test('closing over open items lists them and needs a reason; the close records both', async ({ page, server, api, detail }) => {
  const incident = await api('incidents.create', {
    title: 'Customer database copied', severity: 'SEV1', category: 'data-breach', detectedAt: '2026-03-13T08:00:00Z',
    affected: [{ jurisdiction: 'DE', count: 1200 }],
  });
  const ref = incident.ref;
  await api('notify.facts.set', { ref, patch: { personalData: true, riskToIndividuals: 'high', awareAt: '2026-03-13T10:00:00Z' } });
  await api('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
  await api('runs.start', { ref, runbookId: 'ransomware' });
  await api('incidents.setStatus', { ref, status: 'recovered', skipPhases: true });
  await detail.open(server.origin, ref);

  await detail.moveTo('Closed');
  const dialog = page.getByRole('dialog', { name: /^Close IR-\d{4}-\d{4} with \d+ open items\?$/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Notification obligations not met/ })).toBeVisible();
  await expect(dialog).toContainText(/GDPR Art\. 33 — Notification to the supervisory authority: overdue since/);
  await expect(dialog.getByRole('heading', { name: 'Notices not sent (1)' })).toBeVisible();
  await expect(dialog).toContainText('Notice GDPR Art. 33 (notification), version 1: not approved yet');
  await expect(dialog.getByRole('heading', { name: 'Runbook runs not finished (1)' })).toBeVisible();
  await expect(dialog).toContainText(/Runbook “Ransomware”: 0 of \d+ steps finished/);
  await expect(dialog).toContainText('It does not meet, end or cancel any of it.');
  await page.screenshot({ path: '/tmp/e2e-close-dialog.png' });

  // No reason: the field says so, and nothing is closed.
  const confirm = dialog.getByRole('button', { name: /^Close over \d+ open items$/ });
  await confirm.click();
  await expect(dialog.getByText('Say why the incident is closed while these are open')).toBeVisible();
  await expect(dialog.getByLabel('Reason for closing over these')).toBeFocused();
  expect((await api('incidents.get', { ref })).status).toBe('recovered');

  // Cancel leaves it open too.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.step('Recovered')).toHaveAttribute('aria-current', 'step');

  await detail.moveTo('Closed');
  await dialog.getByLabel('Reason for closing over these').fill('Client ended the engagement; their DPO owns the notices (ticket 4711)');
  await dialog.getByRole('button', { name: /^Close over \d+ open items$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.step('Closed')).toHaveAttribute('aria-current', 'step');
  const closed = await detail.timelineEntry(/Moved status Recovered → Closed/);
  await expect(closed).toContainText('Reason: Client ended the engagement; their DPO owns the notices (ticket 4711)');
  await expect(closed).toContainText(/Closed over \d+ open items:/);
  await expect(closed).toContainText('Notice GDPR Art. 33 (notification), version 1: not approved yet');
  // The draft is still a draft: closing decided nothing about it.
  expect((await api('notify.drafts.list', { ref }))[0]?.status).toBe('draft');
});

test('a jump to Closed asks about skipped phases and open items in one dialog', async ({ page, server, api, detail }) => {
  const { ref } = await api('incidents.create', { title: 'Laptop stolen from car', severity: 'SEV2', category: 'lost-device' });
  await api('runs.start', { ref, runbookId: 'lost-device' });
  await detail.open(server.origin, ref);
  await detail.moveTo('Closed');
  const skip = page.getByRole('dialog', { name: 'Skip Triaged, Contained, Eradicated and Recovered?' });
  await skip.getByRole('button', { name: 'Skip and move to Closed' }).click();
  // The API then names what is open: the same dialog asks for the reason, the skip still agreed.
  const both = page.getByRole('dialog', { name: /^Close IR-\d{4}-\d{4} with 1 open item\?$/ });
  await expect(both).toContainText('passes over Triaged, Contained, Eradicated and Recovered');
  await expect(both).toContainText(/Runbook “Lost or stolen laptop or phone”: 0 of \d+ steps finished/);
  await both.getByLabel('Reason for closing over these').fill('Device recovered intact before anything was accessed');
  await both.getByRole('button', { name: 'Close over 1 open item' }).click();
  await expect(both).toBeHidden();
  await expect(detail.step('Closed')).toHaveAttribute('aria-current', 'step');
  for (const phase of ['Triaged', 'Contained', 'Eradicated', 'Recovered']) await expect(detail.step(phase)).toHaveAttribute('data-state', 'skipped');
});

test('an edit that puts phase times out of order is refused next to the field; keeping them needs a reason', async ({ page, list, detail }) => {
  await list.create({ title: 'VPN account takeover', severity: 'SEV2', category: 'Account takeover' });
  await detail.moveTo('Triaged');
  await detail.editButton.click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await form.getByLabel('Detected', { exact: true }).fill('2026-03-14T09:00');
  await form.getByLabel('Triaged', { exact: true }).fill('2026-03-14T10:31');
  await form.getByLabel('Contained', { exact: true }).fill('2026-03-14T09:15');
  await form.getByRole('button', { name: /^Save/ }).click();

  // The pair is named under Contained, the field that put it out of order.
  await expect(form.getByLabel('Contained', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#edit-containedAt-error')).toHaveText(/^Contained .*09:15 is before triaged .*10:31$/);
  const order = form.locator('.time-order');
  await expect(order).toContainText('These times are out of order');
  await expect(order.getByRole('listitem')).toHaveText([/^Contained .*09:15 is before triaged .*10:31$/]);
  await page.screenshot({ path: '/tmp/e2e-time-order.png' });

  await order.getByLabel('Why are these times right?').fill('The MSP contained it before our triage; their ticket says 09:15');
  await form.getByRole('button', { name: 'Save with these times' }).click();
  await expect(form).toBeHidden();
  await expect(detail.keyTime('Contained')).toContainText('09:15');
  await expect(detail.keyTime('Contained')).toContainText('recorded ahead, not reached');
  const saved = await detail.timelineEntry(/^admin ?Updated detected at, triaged at, contained at/);
  await expect(saved).toContainText('Times out of order kept on purpose');
  await expect(saved).toContainText('The MSP contained it before our triage; their ticket says 09:15');
});
