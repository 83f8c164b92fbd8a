import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, expect, test } from './fixtures';

const OPERATOR = { name: 'bob', passphrase: 'operator runs the backups 9' };

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

// Issue 13, High 2: who may let backups hold the database, add recipients and restore the database
// is an administrator's decision, seen on screen by both sides.
test('a plan whose source came to reach the data directory waits for the administrator; the operator cannot add or restore the database', async ({
  page, openApp, setup, shell, signIn, api, backups, server,
}) => {
  const work = await tempDir('decisions');
  const share = join(work, 'share');
  await mkdir(join(share, 'docs'), { recursive: true });
  await writeFile(join(share, 'docs', 'plan.md'), '# Recovery plan\n');
  const mount = join(work, 'mount');
  await symlink(share, mount);
  const target = join(work, 'target');
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: OPERATOR.name, role: 'backup-operator', passphrase: OPERATOR.passphrase, mustChangePassphrase: false });
  await api('backups.plans.add', { name: 'nightly', sources: [share], target });
  const backup = await api('backups.run', { name: 'nightly' });
  await api('backups.plans.add', { name: 'mounted', sources: [`${mount}/`], target, includeDatabase: false });
  // The mount now leads into the data directory: the next run is refused and the plan flagged.
  await rm(mount);
  await symlink(server.dataDir, mount);
  await expect(api('backups.run', { name: 'mounted' })).rejects.toThrow(/FORBIDDEN plan mounted would back up Firebreak's database/);

  await shell.goTo('Backups');
  await expect(page.getByTestId('plans-waiting')).toContainText("The plan mounted waits for an administrator's review");
  const plan = backups.plan('mounted');
  await expect(plan.getByTestId('plan-review')).toContainText('its runs are refused until then');
  await expect(plan.getByRole('button', { name: 'Run now' })).toBeDisabled();
  await expect(plan.getByRole('list', { name: 'Why mounted waits for review' })).toContainText(`source ${mount}/ (which resolves to`);
  await page.screenshot({ path: test.info().outputPath('review-needed.png'), fullPage: true });

  await plan.getByRole('button', { name: 'Approve as it is…' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve the plan mounted as it is?' });
  await approve.getByRole('button', { name: 'Approve plan' }).click();
  await expect(approve.locator('#approve-note-error')).toHaveText('Say why the plan may stay as it is: the note goes in the audit log.');
  await approve.getByLabel('Why it may stay').fill('The mount is our DR copy of the data directory');
  await approve.getByRole('button', { name: 'Approve plan' }).click();
  await expect(approve).toBeHidden();
  await expect(page.getByTestId('plans-waiting')).toHaveCount(0);
  await expect(plan.getByTestId('plan-review')).toHaveCount(0);
  expect((await api('backups.run', { name: 'mounted' })).containsDatabase).toBe(true);

  // The operator: the database cannot be ticked, recipients not given, the database not restored.
  await shell.signOut.click();
  await signIn.signIn(OPERATOR.name, OPERATOR.passphrase);
  await shell.goTo('Backups');
  await backups.addPlanButton.click();
  const add = backups.addPlanDialog;
  const database = add.getByRole('checkbox', { name: /Also back up Firebreak's own database/ });
  await expect(database).not.toBeChecked();
  await expect(database).toBeDisabled();
  await expect(add).toContainText("Only an administrator can put Firebreak's database in a plan");
  await expect(add).toContainText('Only an administrator can add extra recipients');
  await expect(add.getByLabel('Extra age recipients (optional)')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('operator-add-plan.png') });
  await add.getByRole('button', { name: 'Cancel' }).click();

  const restoreTo = join(work, 'stolen');
  const restore = await backups.restore('nightly', backup.id, restoreTo);
  await expect(restore.getByRole('status')).toContainText("Restoring the database is an administrator's decision");
  await expect(restore.getByRole('alert')).toContainText('(needs backup:restore-database): restore only other paths of it');
  await page.screenshot({ path: test.info().outputPath('operator-restore.png') });
  await restore.getByLabel('Only this path inside the backup (optional)').fill('share');
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.getByTestId('restore-report')).toContainText('Restored 3 paths');
});
