import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ADMIN, expect, test } from './fixtures';
import { RunPage } from './pages/RunPage';

const MONA = { name: 'mona', passphrase: 'first manager approves 2026' };
const MAX = { name: 'max', passphrase: 'second manager signs 2026' };

// Titles come from the shipped file, so the test follows the runbook if a title is reworded.
const RANSOMWARE = parse(readFileSync(resolve(import.meta.dirname, '../../runbooks/ransomware.yaml'), 'utf8')) as { steps: { id: string; title: string }[] };
const TITLES = new Map(RANSOMWARE.steps.map((s) => [s.id, s.title]));
function T(id: string): string {
  const title = TITLES.get(id);
  if (title === undefined) throw new Error(`runbooks/ransomware.yaml has no step ${id}`);
  return title;
}
// An approval step finishes with its last approval; every other step with done, skipped, not applicable or not taken.
const FINISHING = ['step_done', 'step_approved', 'step_skipped', 'step_not_taken', 'step_not_applicable'].map((t) => `li[data-type="runbook.${t}"]`).join(', ');

/** `datetime-local` text for a moment `minutesAgo` before now, in the browser's (= this process's) zone. */
function localInput(minutesAgo: number): string {
  const d = new Date(Date.now() - minutesAgo * 60_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

test('the ransomware runbook runs start to finish: branch, skip, undo, evidence, approvals by other people', async ({
  page, openApp, setup, api, shell, signIn, list, detail, run, audit,
}) => {
  // Four sign-ins (scrypt each) and some 120 actions.
  test.setTimeout(180_000);
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: MONA.name, role: 'manager', passphrase: MONA.passphrase, mustChangePassphrase: false });
  await api('users.add', { name: MAX.name, role: 'manager', passphrase: MAX.passphrase, mustChangePassphrase: false });
  await list.create({ title: 'Finance share encrypted, ransom note on desktops', severity: 'SEV1', category: 'Ransomware' });

  // After a sign-in the address may still be the run's; go through the list like a person would.
  const openRun = async (): Promise<void> => {
    await shell.goTo('Incidents');
    await list.rows().first().click();
    await run.open('Ransomware');
  };

  // The runbook for this category and severity is suggested first.
  const suggestions = run.panel.getByRole('list', { name: 'Runbooks to start' }).getByRole('listitem');
  await expect(suggestions.first()).toContainText('Ransomware');
  await expect(suggestions.first()).toContainText('Fits the severity');
  await run.start('Ransomware');
  await expect(run.status).toHaveText('In progress');
  await expect(page.getByTestId('run-phase')).toHaveText('Detect · Identification');

  // --- Detect / Identification, as admin -------------------------------------------------------
  await run.clock(T('start-updates'), 'Start clock');
  const clock = run.clocks.getByTestId('run-clock');
  await expect(clock).toContainText('status-updates');
  await expect(clock).toContainText('running');
  await expect(clock).toContainText(/Next reminder in \d+ min/);

  await run.input(T('record-detection'), 'Date and time (your local time)', localInput(180));
  await run.attachEvidence(T('ransom-note'), [
    { name: 'ransom-note.txt', mimeType: 'text/plain', buffer: Buffer.from('YOUR FILES ARE ENCRYPTED. Contact us at ...\n') },
    { name: 'budget-2026.xlsx.locked', mimeType: 'application/octet-stream', buffer: Buffer.from([0x8f, 0x12, 0x00, 0xfe, 0x41, 0x99]) },
  ]);
  await expect(run.step(T('ransom-note')).getByTestId('step-outcome')).toContainText('ransom-note.txt, budget-2026.xlsx.locked');
  await expect(detail.evidence.getByTestId('evidence-item')).toHaveCount(2);

  // --- Respond / Containment ----------------------------------------------------------------------
  await run.tickAll(T('isolate'));
  const command = run.step(T('isolate-command'));
  await expect(command.getByText('Firebreak never runs this command.')).toBeVisible();
  await expect(command.locator('pre')).toHaveText('Get-NetAdapter | Disable-NetAdapter -Confirm:$false');
  await run.skip(T('isolate-command'), 'Every affected host could be unplugged');
  await expect(run.step(T('isolate-command')).getByTestId('step-outcome')).toContainText('Reason: Every affected host could be unplugged');

  // A wrong count is undone with a reason; the undone entry stays in the history, struck through.
  await run.input(T('affected-hosts'), 'Number', '12');
  await run.undo('Two hosts were counted twice');
  await run.expectState(T('affected-hosts'), 'available');
  await expect(run.history.locator('li.is-undone').first()).toContainText(`“${T('affected-hosts')}” — 12`);
  await expect(run.history.locator('li.is-undone del').first()).toBeVisible();
  await run.input(T('affected-hosts'), 'Number', '10');
  await expect(run.step(T('affected-hosts')).getByTestId('step-outcome')).toContainText('10');

  await run.step(T('scope-hunt')).getByLabel('Step note').fill('Initial access through the unpatched VPN appliance');
  await run.step(T('scope-hunt')).getByRole('button', { name: 'Add step note' }).click();
  await expect(run.step(T('scope-hunt')).getByRole('list', { name: 'Notes' })).toContainText('unpatched VPN appliance');
  await run.tickAll(T('scope-hunt'));
  await run.tickAll(T('suspend-accounts'));

  // The "no" branch switches off the data-theft steps and everything that needs only them.
  await run.decide(T('exfiltration'), 'No sign of it after review');
  for (const id of ['exfiltration-hunt', 'exfiltration-recheck', 'data-categories', 'affected-people', 'notify-dpa']) {
    await run.expectState(T(id), 'not-taken');
  }
  await run.done(T('notify-law-enforcement'));
  await run.done(T('notify-insurer'));

  // Payment is considered (SEV1 makes the step apply): the sanctions check and two managers' approval follow.
  await run.expectState(T('sanctions-check'), 'pending');
  await run.decide(T('payment'), 'Yes, assess it');
  await run.done(T('sanctions-check'));
  await expect(run.step(T('payment-approval'))).toContainText('Only a manager can approve this step');

  await run.tickAll(T('eradicate'));
  await run.input(T('containment-time'), 'Date and time (your local time)', localInput(60));
  await run.input(T('backup-state'), 'Choose one', 'intact');
  await run.expectState(T('rebuild-plan'), 'not-applicable');

  // Four eyes: the admin gives the first restore approval and cannot give the second.
  await run.approve(T('restore-approval'), 'Restore point predates the intrusion');
  await expect(run.step(T('restore-approval'))).toContainText('1 of 2 approved');
  await expect(run.step(T('restore-approval'))).toContainText('You have approved; a different person must give the second approval.');

  // --- Managers approve; they do not work the steps ---------------------------------------------
  await shell.signOut.click();
  await signIn.signIn(MONA.name, MONA.passphrase);
  await shell.expectSignedIn(MONA.name, 'Manager');
  await openRun();
  await expect(run.steps.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  await expect(run.steps.getByRole('button', { name: 'Skip…' })).toHaveCount(0);
  await expect(run.undoButton).toHaveCount(0);
  await run.approve(T('payment-approval'), 'Counsel cleared the sanctions check');
  await expect(run.step(T('payment-approval'))).toContainText('1 of 2 approved');
  await run.approve(T('restore-approval'));
  await run.expectState(T('restore-approval'), 'done');
  await expect(run.step(T('restore-approval')).getByTestId('step-outcome')).toContainText(`Approved by ${ADMIN.name} and ${MONA.name}`);

  await shell.signOut.click();
  await signIn.signIn(MAX.name, MAX.passphrase);
  await shell.expectSignedIn(MAX.name, 'Manager');
  await openRun();
  await run.approve(T('payment-approval'));
  await run.expectState(T('payment-approval'), 'done');

  // --- Recover and Improve, as admin --------------------------------------------------------------
  await shell.signOut.click();
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await openRun();
  await run.done(T('restore-systems'));
  await run.decide(T('restore-check'), 'Clean, reconnect them');
  await run.attachEvidence(T('restore-log'), [{ name: 'restore-log.csv', mimeType: 'text/csv', buffer: Buffer.from('system,backup,by,at\nfin-fs01,2026-02-27,admin,now\n') }]);
  await run.input(T('recovered-at'), 'Date and time (your local time)', localInput(10));
  await run.clock(T('stop-updates'), 'Stop clock');
  await expect(clock).toContainText('stopped');
  await expect(clock).not.toContainText('Next reminder');
  await run.done(T('lessons-learned'));
  await expect(run.status).toHaveText('In progress');

  await shell.signOut.click();
  await signIn.signIn(MONA.name, MONA.passphrase);
  await openRun();
  await run.approve(T('close-approval'), 'Lessons learned reviewed');
  await run.expectState(T('close-approval'), 'done');

  // --- Complete: every step finished, each one on the incident's timeline ---------------------------
  await expect(run.status).toHaveText('Complete');
  await expect(run.progress).toHaveText(`${RANSOMWARE.steps.length} of ${RANSOMWARE.steps.length} steps finished`);
  for (const step of RANSOMWARE.steps) {
    await expect(run.step(step.title)).toHaveAttribute('data-state', /^(done|skipped|not-applicable|not-taken)$/);
    await expect(detail.timeline.locator(FINISHING).filter({ hasText: `“${step.title}”` }).first()).toBeAttached();
  }
  await expect(detail.timeline.locator('li[data-type="runbook.started"]')).toHaveCount(1);
  await expect(detail.timeline.locator('li[data-type="runbook.completed"]')).toHaveCount(1);
  await expect(detail.timeline.locator('li[data-type="runbook.step_approved"]')).toHaveCount(5);
  await expect(detail.timeline.locator('li[data-type="runbook.step_undone"]')).toContainText('Two hosts were counted twice');

  // The hash chain holds every one of those events.
  await shell.signOut.click();
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.goTo('Audit log');
  const result = await audit.verifyChain();
  await expect(result).toContainText(/Chain intact: \d+ events/);
});

test('a second window on the run sees steps done in the first without reloading', async ({ page, context, server, openApp, setup, list, run }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await list.create({ title: 'Encrypted file server', severity: 'SEV2', category: 'Ransomware' });
  await run.start('Ransomware');

  // Same browser, same session cookie: a second tab, as a colleague's screen would be.
  const other = await context.newPage();
  await other.goto(`${server.origin}${new URL(page.url()).hash}`);
  const otherRun = new RunPage(other);
  await otherRun.expectState(T('isolate'), 'available');

  await run.tickAll(T('isolate'));
  await otherRun.expectState(T('isolate'), 'done');
  await otherRun.expectState(T('scope-hunt'), 'available');
  await expect(otherRun.step(T('isolate')).getByTestId('step-outcome')).toContainText(`Done by ${ADMIN.name}`);

  // …and the other way round.
  await otherRun.skip(T('isolate-command'), 'No Windows hosts involved');
  await run.expectState(T('isolate-command'), 'skipped');
  await other.close();
});

test('what the engine decides is shown as the system\'s, after the person\'s action — in the run and on the timeline', async ({
  page, openApp, setup, list, detail, run,
}) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await list.create({ title: 'Encrypted file server', severity: 'SEV2', category: 'Ransomware' });
  await run.start('Ransomware');
  await run.tickAll(T('isolate'));
  await run.input(T('backup-state'), 'Choose one', 'intact');

  // The step that does not apply was decided by the engine: by system, after admin's answer.
  await run.expectState(T('rebuild-plan'), 'not-applicable');
  const outcome = run.step(T('rebuild-plan')).getByTestId('step-outcome');
  await expect(outcome).toContainText(`by system`);
  await expect(outcome).toContainText(`after ${ADMIN.name} did “${T('backup-state')}”`);

  const entry = run.history.locator('li[data-kind="not-applicable"]');
  await expect(entry).toHaveAttribute('data-by', 'system');
  await expect(entry.locator('strong').first()).toHaveText('system');
  await expect(entry.getByTestId('run-history-cause')).toContainText(`after ${ADMIN.name} did “${T('backup-state')}”`);
  // The person's own action is theirs, and names no cause.
  const answer = run.history.locator('li[data-kind="done"]').first();
  await expect(answer).toHaveAttribute('data-by', ADMIN.name);
  await expect(answer.getByTestId('run-history-cause')).toHaveCount(0);

  // The incident's timeline says the same: every consequence is the system's, never admin's.
  const notApplicable = detail.timeline.locator('li[data-type="runbook.step_not_applicable"]');
  await expect(notApplicable.locator('.tl-actor')).toHaveText('system');
  await expect(notApplicable.getByTestId('tl-cause')).toContainText(`after ${ADMIN.name} did step “${T('backup-state')}”`);
  const available = detail.timeline.locator('li[data-type="runbook.step_available"]');
  await expect(available.first()).toBeAttached();
  for (const actor of await available.locator('.tl-actor').allTextContents()) expect(actor).toBe('system');
  await expect(detail.timeline.locator('li[data-type="runbook.step_done"] .tl-actor').first()).toHaveText(ADMIN.name);

  await run.history.screenshot({ path: '/tmp/run-history-system.png' });
  await run.step(T('rebuild-plan')).screenshot({ path: '/tmp/run-step-system.png' });
  await detail.timeline.screenshot({ path: '/tmp/timeline-system.png' });
  await page.screenshot({ path: '/tmp/run-view-system.png' });

  // Undo: the answer's consequences are undone with it and stay in the history as the system's, struck through.
  await run.undo('Checked the wrong backup set');
  await run.expectState(T('rebuild-plan'), 'pending');
  await expect(entry).toHaveClass(/is-undone/);
  await expect(entry).toHaveAttribute('data-by', 'system');
  await expect(run.history.locator('li[data-kind="undo"]')).toHaveAttribute('data-by', ADMIN.name);
});
