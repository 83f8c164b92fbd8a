import { ADMIN, expect, test } from './fixtures';

/**
 * The fields the metrics need, in the UI (issue 12 §1): an exercise declared with the time the
 * compromise started is badged EXERCISE in the list, on its page and on the Deadlines board; a
 * start entered after the detection is refused next to the field, and the timeline says what
 * changed in words with the reason given.
 */
test.beforeEach(async ({ openApp, setup }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
});

test('an exercise with a start time is badged in the list, on its page and on the Deadlines board', async ({ page, api, server, shell, list, detail }) => {
  const real = await api('incidents.create', { title: 'Phishing wave against finance', severity: 'SEV3', category: 'phishing' });

  await list.newButton.click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title').fill('Tabletop: ransomware on the file server');
  await dialog.getByRole('radio', { name: /SEV2/ }).check();
  await dialog.getByLabel('Category').selectOption({ label: 'Ransomware' });
  await dialog.getByLabel('Compromise started').fill('2026-03-10T07:00');
  await dialog.getByLabel('Detected at').fill('2026-03-12T09:15');
  // The checkbox says what it does; keyboard only: focus it and press Space.
  const box = dialog.getByRole('checkbox', { name: 'Exercise (tabletop or drill)' });
  await expect(box).toHaveAccessibleDescription(/Not a real incident: badged EXERCISE everywhere/);
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await dialog.getByRole('button', { name: 'Declare exercise' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.ref).toHaveText(/^IR-\d{4}-\d{4}$/);
  const ref = (await detail.ref.textContent()) ?? '';

  // The page: badge next to the reference, the marking in words, the start in the header and the key times.
  const header = page.locator('header.incident-header');
  await expect(header.getByTestId('exercise-badge')).toHaveText('EXERCISE, not a real incident');
  await expect(header.locator('.incident-title-row').getByTestId('exercise-badge')).toBeVisible();
  await expect(header.getByRole('note', { name: 'EXERCISE — NOT A REAL INCIDENT' })).toContainText('every notice and export of it is marked as an exercise');
  await expect(header.locator('.meta-row div').filter({ hasText: 'Compromise started' }).locator('time')).toHaveAttribute('dateTime', new Date('2026-03-10T07:00').toISOString());
  await expect(detail.keyTime('Compromise started')).not.toHaveText('Unknown');
  await expect(await detail.timelineEntry(/Declared exercise “Tabletop: ransomware on the file server”/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('exercise-page.png'), fullPage: true });

  // Raised to SEV1 and calmed to SEV3: the page says what it reached.
  await api('incidents.update', { ref, patch: { severity: 'SEV1' } });
  await api('incidents.update', { ref, patch: { severity: 'SEV3' } });
  await page.reload();
  await expect(header.getByTestId('highest-severity')).toHaveText('· reached SEV1');

  // The list: the exercise's row carries the badge, the real incident's does not.
  await shell.goTo('Incidents');
  const drillRow = list.rows().filter({ hasText: ref });
  await expect(drillRow.getByTestId('exercise-badge')).toBeVisible();
  await expect(list.rows().filter({ hasText: real.ref }).getByTestId('exercise-badge')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('exercise-list.png') });

  // The Deadlines board: an exercise's rehearsed obligations are badged too.
  await api('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'DE', count: 1200 }], dataCategories: ['contact'] } });
  await api('notify.facts.set', { ref, patch: { personalData: true, riskToIndividuals: 'high', awareAt: '2026-03-12T10:00:00Z' } });
  await shell.goTo('Deadlines');
  const board = page.getByRole('table', { name: 'Open notification deadlines' });
  const boardRow = board.locator(`tr[data-ref="${ref}"]`).first();
  await expect(boardRow.getByTestId('exercise-badge')).toBeVisible();
  await expect(page.getByText(/deadlines? ha(s|ve) passed \((an exercise’s|all of them exercises’)\)\./)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('exercise-deadlines.png') });

  // The notice drafted for it says every download is marked.
  await detail.open(server.origin, ref);
  await page.getByRole('button', { name: 'Draft the GDPR Art. 33 notice' }).click();
  const notice = page.getByTestId('draft');
  await expect(notice.getByRole('note', { name: 'EXERCISE — NOT A REAL INCIDENT' })).toContainText('its subject with “[EXERCISE]”');
  await page.screenshot({ path: test.info().outputPath('exercise-notice.png') });
});

test('a start after the detection is refused next to the field; with a reason the timeline says it in words', async ({ page, api, list, detail }) => {
  // Declaring: the refusal is under the start, nothing is declared, and Cancel leaves no incident.
  await list.newButton.click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title').fill('Start typed after detection');
  await dialog.getByLabel('Detected at').fill('2026-03-12T09:00');
  await dialog.getByLabel('Compromise started').fill('2026-03-12T10:30');
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(dialog.getByLabel('Compromise started')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Compromise started')).toHaveAccessibleDescription(/Detected .*09:00 is before compromise started .*10:30$/);
  await expect(dialog.getByRole('alert')).toContainText('These times are out of order');
  await page.screenshot({ path: test.info().outputPath('exercise-new-refused.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await api('incidents.list', {})).total).toBe(0);

  await list.create({ title: 'Beacon to a known C2 server', severity: 'SEV2', category: 'Malware' });
  await detail.edit({ Detected: '2026-03-12T09:00' });
  await detail.editButton.click();
  const form = detail.editForm();
  const started = form.getByLabel('Compromise started', { exact: true });
  await expect(started).toHaveAccessibleDescription(/Empty: unknown/);
  await started.fill('2026-03-12T10:30');
  await form.getByRole('button', { name: /^Save/ }).click();

  // The pair is named under the start, the field that put it out of order, and announced.
  await expect(started).toHaveAttribute('aria-invalid', 'true');
  await expect(started).toHaveAccessibleDescription(/Detected .*09:00 is before compromise started .*10:30$/);
  await expect(form.getByLabel('Detected', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.time-order')).toContainText('These times are out of order');
  await page.screenshot({ path: test.info().outputPath('exercise-start-refused.png'), fullPage: true });

  // Corrected, with a reason: saved, and the timeline says what changed and why.
  await started.fill('2026-03-11T22:40');
  await form.getByLabel('Reason for these changes (optional)').fill('First beacon in the proxy log');
  await form.getByRole('checkbox', { name: 'Exercise (tabletop or drill)' }).check();
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form).toBeHidden();
  const entry = await detail.timelineEntry(/compromise start set to .*; marked as exercise/i);
  await expect(entry).toContainText('Reason: First beacon in the proxy log');
  await expect(entry).toContainText(/Compromise started:\s*—\s*→/);
  await expect(page.locator('header.incident-header').getByTestId('exercise-badge')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('exercise-timeline.png'), fullPage: true });
});
