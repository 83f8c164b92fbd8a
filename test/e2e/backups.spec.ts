import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ADMIN, expect, test } from './fixtures';
import { holdApiAnswer } from './holdApiAnswer';

const MANAGER = { name: 'mona', passphrase: 'manager reads the backups 7' };

/** Temporary folders for sources, targets and restores; the server runs on this machine, so the paths are shared. */
let scratch: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `firebreak-e2e-${prefix}-`));
  scratch.push(dir);
  return dir;
}
test.afterEach(async () => {
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
  scratch = [];
});

/** A small share: files at the top, one nested two folders down. */
async function makeShare(): Promise<{ dir: string; nested: { path: string; text: string } }> {
  const dir = await tempDir('share');
  await mkdir(join(dir, 'docs', 'deep'), { recursive: true });
  await writeFile(join(dir, 'readme.txt'), 'the share\n');
  await writeFile(join(dir, 'ledger.csv'), 'date,amount\n2026-11-01,12.50\n');
  await writeFile(join(dir, 'docs', 'plan.md'), '# Recovery plan\n');
  const text = `nested file — ${'x'.repeat(300)}\n`;
  await writeFile(join(dir, 'docs', 'deep', 'a.txt'), text);
  return { dir, nested: { path: 'docs/deep/a.txt', text } };
}

test('a plan is added, run with live progress, fully verified, drilled against its RTO and a file restored', async ({
  page, openApp, setup, shell, backups,
}) => {
  const share = await makeShare();
  const target = await tempDir('target');
  const restoreTo = await tempDir('restore');
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Backups');
  await expect(backups.empty).toBeVisible();

  const dialog = await backups.addPlan({
    name: 'share-nightly', sources: [share.dir], target, schedule: '30 2 * * *', keepLast: 7, rtoMinutes: 30, rpoMinutes: 1440,
  });
  await expect(dialog).toBeHidden();
  const plan = backups.plan('share-nightly');
  // The cron expression comes back in words.
  await expect(plan.getByTestId('plan-schedule')).toContainText('at 02:30 every day');
  await expect(plan.getByTestId('plan-objectives')).toHaveText('RTO 30 min / RPO 1 d');
  await expect(plan).toContainText(share.dir);
  await expect(plan).toContainText('keep last 7');
  await expect(plan.getByTestId('plan-last-backup')).toHaveText('None yet');

  // Hold the answer of backups.run: the run completes on the server and its progress is pushed,
  // and the screen shows it while the call is still pending.
  const hold = await holdApiAnswer(page, 'backups.run');
  await plan.getByRole('button', { name: 'Run now' }).click();
  const run = backups.runPanel('share-nightly');
  await expect(run).toHaveAttribute('data-state', 'running');
  await expect(plan.getByRole('button', { name: 'Running…' })).toBeDisabled();
  await expect(run.getByRole('progressbar', { name: 'Backup progress of share-nightly' })).toBeVisible();
  // The last event of a run: every file archived, the manifest being written.
  await expect(run.getByTestId('run-phase')).toHaveText('Writing the manifest');
  await expect(run.getByTestId('run-files')).toHaveText(/^(\d+) \/ \1$/);
  await expect(run).toContainText('ETA');
  hold.release();
  await hold.answered;
  await page.unroute('**/api');

  await expect(run).toHaveAttribute('data-state', 'done');
  await expect(run.getByTestId('run-phase')).toHaveText('Complete');
  await expect(run.getByRole('progressbar')).toHaveJSProperty('value', 1);
  await expect(run).toContainText(/Backup share-nightly-\d{8}T\d{6}Z-[0-9a-f]{6} complete \(full\)/);
  await expect(backups.rows('share-nightly')).toHaveCount(1);
  const id = (await backups.rows('share-nightly').first().getAttribute('data-backup')) ?? '';
  expect(id).toMatch(/^share-nightly-/);
  const row = backups.row('share-nightly', id);
  await expect(row).toContainText('full');
  await expect(row).toContainText('Never checked');
  await expect(plan.getByTestId('plan-last-backup')).toContainText('full');

  const full = await backups.verify('share-nightly', id, 'full');
  await expect(full).toContainText(`Full check of ${id}: ok`);
  await expect(backups.latestCheck('share-nightly', id, 'full')).toContainText('Full check ok');

  const drill = await backups.drill('share-nightly', id);
  await expect(drill).toContainText(`Drill of ${id}: passed`);
  await expect(drill.getByTestId('drill-rto')).toHaveText(/^Restore: \d+\.\d+ s of 30 min RTO — met$/);
  await expect(drill.getByTestId('drill-rpo')).toHaveText(/of a 1 d RPO — met$/);
  await expect(backups.latestCheck('share-nightly', id, 'drill')).toContainText('Drill ok');
  await expect(backups.latestCheck('share-nightly', id, 'drill')).toContainText('of 30 min RTO — met');
  // The full check before it keeps its own line.
  await expect(backups.latestCheck('share-nightly', id, 'full')).toContainText('Full check ok');
  await expect(backups.planLatestCheck('share-nightly', 'drill')).toContainText('Drill ok');
  const chart = backups.drillChart('share-nightly');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleName(/1 drill, latest \d+\.\d+ s, slowest \d+\.\d+ s, RTO 30 min$/);
  await expect(chart.locator('rect.drill-bar')).toHaveCount(1);

  // One nested file, to a third directory; its bytes are checked from here.
  const inside = `${basename(share.dir)}/${share.nested.path}`;
  const restore = await backups.restore('share-nightly', id, restoreTo, inside);
  const report = restore.getByTestId('restore-report');
  await expect(report).toContainText(`Restored 1 path (1 file, ${Buffer.byteLength(share.nested.text)} B) to ${restoreTo}`);
  await expect(restore.getByRole('list', { name: 'Restored paths' }).getByRole('listitem')).toHaveText([inside]);
  expect(await readFile(join(restoreTo, inside), 'utf8')).toBe(share.nested.text);
  await restore.getByRole('button', { name: 'Close' }).last().click();
  await expect(restore).toBeHidden();
});

// Issue 11 §4: a full check after a drill once replaced the drill as the backup's "last check",
// and after a reload the chart said "No drills yet". Every check is its own record now.
test('a full check after a drill leaves the drill, its RTO verdict and its bar on screen, also after a reload', async ({
  page, openApp, setup, shell, api, backups,
}, testInfo) => {
  const share = await makeShare();
  const target = await tempDir('target');
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('backups.plans.add', { name: 'file-server', sources: [share.dir], target, includeDatabase: false, rtoMinutes: 30, rpoMinutes: 1440 });
  const { id } = await api('backups.run', { name: 'file-server' });
  await shell.goTo('Backups');
  const plan = backups.plan('file-server');
  const chart = backups.drillChart('file-server');
  await expect(backups.row('file-server', id)).toContainText('Never checked');
  await expect(plan).toContainText('No drills yet');

  const drill = await backups.drill('file-server', id);
  await expect(drill).toContainText(`Drill of ${id}: passed`);
  await expect(chart.locator('rect.drill-bar')).toHaveCount(1);
  await backups.verify('file-server', id, 'full');

  const expectDrillStillShown = async (): Promise<void> => {
    const drillLine = backups.latestCheck('file-server', id, 'drill');
    await expect(drillLine).toContainText('Drill ok');
    await expect(drillLine).toContainText(/\d+\.\d+ s of 30 min RTO — met/);
    await expect(backups.latestCheck('file-server', id, 'full')).toContainText('Full check ok');
    await expect(backups.planLatestCheck('file-server', 'drill')).toContainText(/Drill ok.*of 30 min RTO — met/);
    await expect(backups.planLatestCheck('file-server', 'drill')).toContainText(id);
    await expect(backups.planLatestCheck('file-server', 'full')).toContainText('Full check ok');
    await expect(chart).toHaveAccessibleName(/^Drill restore times of file-server: 1 drill, latest \d+\.\d+ s, slowest \d+\.\d+ s, RTO 30 min$/);
    await expect(chart.locator('rect.drill-bar')).toHaveCount(1);
    await expect(plan).not.toContainText('No drills yet');
  };
  await expectDrillStillShown();

  // What the screen shows comes from the backend's records, not from this page's memory.
  await page.reload();
  await expect(backups.heading).toBeVisible();
  await expectDrillStillShown();
  await expect(backups.latestCheck('file-server', id, 'quick')).toHaveText('No quick check yet');

  // A second drill is a second bar; a quick check after it changes neither.
  await backups.drill('file-server', id);
  await backups.verify('file-server', id, 'quick');
  await expect(chart.locator('rect.drill-bar')).toHaveCount(2);
  await expect(backups.latestCheck('file-server', id, 'quick')).toContainText('Quick check ok');
  await page.reload();
  await expect(chart.locator('rect.drill-bar')).toHaveCount(2);
  await expect(chart).toHaveAccessibleName(/: 2 drills, latest \d+\.\d+ s, slowest \d+\.\d+ s, RTO 30 min$/);
  await expect(backups.latestCheck('file-server', id, 'drill')).toContainText(/Drill ok.*of 30 min RTO — met/);
  await expect(backups.latestCheck('file-server', id, 'full')).toContainText('Full check ok');
  await expect(backups.latestCheck('file-server', id, 'quick')).toContainText('Quick check ok');
  await plan.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('drill-kept-after-full-check.png'), fullPage: true });
});

test('a plan with a missing source is refused with the API issues and nothing is added', async ({ openApp, setup, shell, api, backups }) => {
  const target = await tempDir('target');
  const missing = join(target, '..', `${basename(target)}-missing`, 'share');
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Backups');

  // Schema issues first: each one listed and shown at its field.
  const dialog = await backups.addPlan({ name: 'Nightly Share', sources: [missing], target, rtoMinutes: 0 });
  const alert = dialog.getByRole('alert').first();
  await expect(alert).toContainText('The plan was not added: 2 problems.');
  await expect(dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem')).toHaveText([
    'rtoMinutes: Too small: expected number to be >=1',
    'name: lower-case words joined by hyphens',
  ]);
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('RTO (minutes)')).toHaveAttribute('aria-invalid', 'true');

  // Then the plan store's check: the source does not exist.
  await dialog.getByLabel('Name', { exact: true }).fill('nightly-share');
  await dialog.getByLabel('RTO (minutes)').fill('30');
  await backups.submitPlan();
  await expect(alert).toContainText('The plan was not added: 1 problem.');
  await expect(dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem')).toHaveText([`sources.0: source ${missing} does not exist`]);
  const sources = dialog.getByLabel('Sources', { exact: true });
  await expect(sources).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('#plan-sources-error')).toHaveText(`Line 1: source ${missing} does not exist`);
  await expect(dialog.getByLabel('Name', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(backups.empty).toBeVisible();
  expect(await api('backups.plans.list', {})).toEqual([]);
});

test('prune previews what retention removes before deleting; a removed plan keeps its backups; a manager only reads', async ({
  page, openApp, setup, shell, signIn, api, backups,
}) => {
  const share = await makeShare();
  const target = await tempDir('target');
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: MANAGER.name, role: 'manager', passphrase: MANAGER.passphrase, mustChangePassphrase: false });
  // Every run full, keep the newest: the older backup is not needed by the newer one.
  await api('backups.plans.add', { name: 'keep-one', sources: [share.dir], target, includeDatabase: false, fullEvery: 1, retention: { keepLast: 1 } });
  await api('backups.plans.add', { name: 'old-plan', sources: [share.dir], target, includeDatabase: false });
  const older = await api('backups.run', { name: 'keep-one' });
  const newer = await api('backups.run', { name: 'keep-one' });
  const orphan = await api('backups.run', { name: 'old-plan' });
  await shell.goTo('Backups');
  await expect(backups.rows('keep-one')).toHaveCount(2);

  await backups.plan('keep-one').getByRole('button', { name: 'Prune…' }).click();
  const prune = page.getByRole('dialog', { name: 'Prune the backups of keep-one' });
  await expect(prune.getByRole('list', { name: 'Backups that would be removed' }).getByRole('listitem')).toHaveCount(1);
  await expect(prune.getByRole('list', { name: 'Backups that would be removed' })).toContainText(older.id);
  await expect(prune.getByRole('list', { name: 'Backups kept' })).toContainText(`${newer.id}`);
  await expect(prune.getByRole('list', { name: 'Backups kept' })).toContainText('last 1');
  // Nothing is gone until the confirmation.
  expect((await api('backups.list', { plan: 'keep-one' })).map((b) => b.id)).toEqual([newer.id, older.id]);
  await prune.getByRole('button', { name: 'Remove 1 backup' }).click();
  await expect(prune).toBeHidden();
  await expect(backups.rows('keep-one')).toHaveCount(1);
  await expect(backups.row('keep-one', newer.id)).toBeVisible();

  await backups.plan('old-plan').getByRole('button', { name: 'Remove…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove the plan old-plan?' });
  await expect(remove).toContainText('Its 1 backup stays on disk');
  await remove.getByRole('button', { name: 'Remove plan' }).click();
  await expect(remove).toBeHidden();
  await expect(backups.plan('old-plan')).toHaveCount(0);
  await expect(backups.removedPlans.locator(`tbody tr[data-backup="${orphan.id}"]`)).toBeVisible();

  // backup:read only: everything is listed, no control that would change or run anything.
  await shell.signOut.click();
  await signIn.signIn(MANAGER.name, MANAGER.passphrase);
  await shell.goTo('Backups');
  await expect(backups.row('keep-one', newer.id)).toBeVisible();
  await expect(backups.removedPlans).toBeVisible();
  const main = page.getByRole('main');
  for (const name of ['Add plan', 'Export identity…', 'Run now', 'Prune…', 'Remove…', 'Quick check', 'Full check', 'Drill', 'Restore…']) {
    await expect(main.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
});

test('the app runs scheduled backups and verifications for the signed-in admin; a failing schedule is raised on every screen', async ({
  page, openApp, setup, shell, api, backups,
}) => {
  const share = await makeShare();
  const target = await tempDir('target');
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  // Every second, so the test need not wait for a real slot; verified in full every two seconds.
  await api('backups.plans.add', {
    name: 'every-second', sources: [share.dir], target, includeDatabase: false, schedule: '* * * * * *', verifySchedule: '*/2 * * * * *', verifyLevel: 'full',
  });
  await shell.goTo('Backups');
  await expect(page.getByTestId('schedule-runner')).toContainText('Schedules run in this app for admin while they stay signed in');
  const plan = backups.plan('every-second');
  await expect(plan.getByTestId('plan-next-run')).toContainText('Next run');
  // Nobody pressed Run now: the scheduler's runs arrive by themselves, with their progress.
  await expect(backups.rows('every-second').first()).toBeVisible();
  await expect(backups.runPanel('every-second')).toContainText('scheduled run');
  await expect(plan.getByTestId('plan-verification')).toContainText('Full, cron */2 * * * * *');
  await expect(plan.getByTestId('plan-verification')).toContainText('Last passed');
  await expect(shell.nav.getByTestId('nav-alert')).toHaveCount(0);

  // The share goes away (an unmounted disk): every scheduled run now fails.
  await rm(share.dir, { recursive: true, force: true });
  const banner = page.getByTestId('schedule-status').getByRole('alert');
  await expect(banner).toContainText(`Scheduled backup of every-second failed`);
  await expect(banner).toContainText(`source ${share.dir} does not exist`);
  await expect(shell.nav.getByTestId('nav-alert')).toHaveText('1 problem');
  // Seen from any screen, not only Backups.
  await shell.goTo('Incidents');
  await expect(shell.nav.getByRole('link', { name: /Backups/ })).toContainText('1 problem');

  await api('backups.plans.remove', { name: 'every-second' });
  await expect(shell.nav.getByTestId('nav-alert')).toHaveCount(0);
});
