import { ADMIN, expect, test } from './fixtures';
import { ActionItemsPage } from './pages/ActionItemsPage';
import { ReviewPage } from './pages/ReviewPage';

const RESPONDER = { name: 'rita', passphrase: 'responder passphrase 2026' };
const MANAGER = { name: 'maria', passphrase: 'manager passphrase 2026!' };

/** YYYY-MM-DD `days` from today in the browser's (= this process's) zone, as a date input takes it. */
function dateIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('a responder stars key events, writes the review and adds an action item; a manager signs the review off; the Action items page lists the item', async ({
  page, openApp, setup, api, shell, signIn, detail, server,
}, testInfo) => {
  test.setTimeout(120_000);
  const review = new ReviewPage(page);
  const actions = new ActionItemsPage(page);
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  for (const [user, role] of [[RESPONDER, 'responder'], [MANAGER, 'manager']] as const) {
    await api('users.add', { name: user.name, role, passphrase: user.passphrase, mustChangePassphrase: false });
  }
  const { ref } = await api('incidents.create', { title: 'Ransomware on FS01', severity: 'SEV1', category: 'ransomware' });
  await api('incidents.addNote', { ref, text: 'Ransom note found on FS01 at 06:40' });
  await api('incidents.addNote', { ref, text: 'FS01 isolated from the network' });
  await api('incidents.addNote', { ref, text: 'Coffee machine broken too' });

  // The responder stars the two events that tell the story.
  await shell.signOut.click();
  await signIn.signIn(RESPONDER.name, RESPONDER.passphrase);
  await shell.expectSignedIn(RESPONDER.name, 'Responder');
  await detail.open(server.origin, ref);
  for (const text of ['Ransom note found', 'FS01 isolated']) {
    const star = (await detail.timelineEntry(text)).getByRole('button', { name: /^Key event #\d+$/ });
    await expect(star).toHaveAttribute('aria-pressed', 'false');
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
  }
  await page.getByLabel(/^Key events only/).check();
  await expect(detail.timeline.getByRole('listitem')).toHaveCount(2);
  await expect(detail.timeline).not.toContainText('Coffee machine');
  await page.getByLabel(/^Key events only/).uncheck();
  // Each star is itself on the timeline, by the responder.
  await expect(detail.timeline.getByRole('listitem').filter({ hasText: /Starred event #\d+ \(Incident note\) as a key event/ })).toHaveCount(2);

  // The review: Markdown with a preview that renders no HTML from the text.
  await review.open();
  await expect(review.status).toContainText('No version saved yet');
  await review.section('Summary for executives').fill('Ransomware encrypted **FS01**; restored from backup in 9 h.\n<img src=x onerror=alert(1)>');
  await review.section('Root cause').fill('- RDP exposed to the internet\n- A reused password');
  const preview = await review.preview('Summary for executives');
  await expect(preview.locator('strong')).toHaveText('FS01');
  await expect(preview).toContainText('<img src=x onerror=alert(1)>');
  await expect(preview.locator('img')).toHaveCount(0);
  await review.preview('Summary for executives', false);
  await expect(review.keyEvents.getByRole('listitem')).toHaveCount(2);
  await review.save.click();
  await expect(review.status).toContainText(`Version 1 · draft · saved by ${RESPONDER.name}`);

  // Someone saves meanwhile (another window of the same desk): the responder's unsaved text stays,
  // the section they had not touched takes the newer text.
  await review.section('What went well').fill('The restore drill last month paid off.');
  await api('reviews.save', { ref, baseVersion: 1, sections: { rootCause: '- RDP exposed to the internet\n- A reused password\n- No MFA on the VPN' } });
  await expect(page.getByRole('status').filter({ hasText: 'saved version 2 while you were writing' })).toBeVisible();
  await expect(review.section('What went well')).toHaveValue('The restore drill last month paid off.');
  await expect(review.section('Root cause')).toHaveValue(/No MFA on the VPN/);
  await review.save.click();
  await expect(review.status).toContainText('Version 3 · draft');
  await expect(review.versions.getByRole('listitem')).toHaveCount(3);
  // The page scrolls inside #main: from its top, the status line and the first sections.
  await page.locator('#main').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath('review-tab.png') });

  // An action item, on the incident's Details tab.
  await page.getByRole('navigation', { name: 'Incident views' }).getByRole('link', { name: 'Details' }).click();
  await actions.card.getByRole('button', { name: 'Add action item' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an action item' });
  await dialog.getByLabel('Title').fill('Close RDP on every server');
  await dialog.getByLabel('Owner').selectOption(MANAGER.name);
  // A date already past is allowed (back-filling), and the field says what that means before saving.
  await dialog.getByLabel('Due').fill(dateIn(-3));
  await expect(dialog).toContainText('This date has passed: the item is recorded as overdue at once');
  await dialog.getByLabel('Due').fill(dateIn(14));
  await expect(dialog).toContainText('A date, the same for everyone.');
  await dialog.getByRole('button', { name: 'Add action item' }).click();
  await expect(dialog).toBeHidden();
  // Shown as the date it was given (not shifted by a time zone), with no time of day.
  const due = actions.card.locator('tr[data-id="A-1"] time');
  await expect(due).toHaveAttribute('datetime', dateIn(14));
  await expect(due).toContainText(String(Number(dateIn(14).slice(8, 10))));
  await expect(due).not.toContainText(':');
  await expect(actions.card.locator('tr[data-id="A-1"]')).toContainText('Close RDP on every server');
  await expect(actions.card.locator('tr[data-id="A-1"]')).toContainText(MANAGER.name);

  // The manager signs the review off.
  await shell.signOut.click();
  await signIn.signIn(MANAGER.name, MANAGER.passphrase);
  await shell.expectSignedIn(MANAGER.name, 'Manager');
  await page.goto(`${server.origin}#/incidents/${ref}/review`);
  await expect(review.status).toContainText('Version 3 · draft');
  await review.signOff.click();
  const confirm = page.getByRole('dialog', { name: 'Sign off the review' });
  await expect(confirm).toContainText('Mark version 3');
  await confirm.getByRole('button', { name: 'Sign off version 3' }).click();
  await expect(confirm).toBeHidden();
  await expect(review.status).toContainText(`Final — signed off by ${MANAGER.name}`);
  await expect(review.signOff).toBeDisabled();
  await expect(review.versions.getByRole('listitem').first()).toContainText(`Signed off by ${MANAGER.name}`);

  // The Action items page lists the item, the manager's own.
  await shell.goTo('Action items');
  await actions.filter('Whose', 'Mine');
  await expect(actions.row('A-1')).toContainText('Close RDP on every server');
  await expect(actions.row('A-1')).toContainText(ref);
  await expect(actions.counts).toHaveText('1 item');
  await page.screenshot({ path: testInfo.outputPath('action-items-page.png') });

  // Everything above is in the hash chain, intact.
  expect((await api('log.verify', {})).ok).toBe(true);
  const types = (await api('timeline.forIncident', { ref })).map((e) => e.type);
  expect(types.filter((t) => /^(review|event|action)\./.test(t))).toEqual([
    'event.starred', 'event.starred', 'review.saved', 'review.saved', 'review.saved', 'action.added', 'review.signed_off',
  ]);
});
