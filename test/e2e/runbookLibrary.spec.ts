import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ADMIN, expect, test } from './fixtures';

const BROKEN = `format: 1
id: Broken_Runbook
title: Broken runbook
version: one
summary: Has problems on purpose.
appliesTo:
  categories: [phishing]
  severityAtLeast: SEV9
sources:
  - title: Nowhere
steps:
  - id: first
    kind: task
    title: First
    phase: { csf: Detect, picerl: Identification }
`;

const GOOD = BROKEN.replace('Broken_Runbook', 'acme-phishing').replace('title: Broken runbook', 'title: Acme phishing triage')
  .replace('version: one', 'version: 0.1.0').replace('SEV9', 'SEV4');

const RESPONDER = { name: 'rita', passphrase: 'incident responder 2026 books' };

test('a broken runbook is refused with every problem at its line and column; a fixed one is imported', async ({ openApp, setup, shell, runbooks }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Runbooks');
  await expect(runbooks.row('ransomware')).toContainText('Built-in');

  const dialog = await runbooks.import('broken.yaml', BROKEN);
  await expect(dialog.getByRole('alert').first()).toContainText('Not imported: 3 problems in broken.yaml');
  const problems = dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await expect(problems).toHaveText([
    /^broken\.yaml:2:5: "id" must be lower-case/,
    /^broken\.yaml:4:10: "version" must be a version like 1\.0\.0/,
    /^broken\.yaml:8:20: "appliesTo\.severityAtLeast" must be one of SEV1, SEV2, SEV3, SEV4/,
  ]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(runbooks.table.getByRole('row').filter({ hasText: 'Broken runbook' })).toHaveCount(0);

  const again = await runbooks.import('acme-phishing.yaml', GOOD);
  await expect(again).toBeHidden();
  const row = runbooks.row('acme-phishing');
  await expect(row).toContainText('Acme phishing triage');
  await expect(row).toContainText('Custom');
  await expect(row).toContainText('0.1.0');
});

test('a runbook is duplicated under a new id and exported byte for byte; a responder can only export', async ({
  page, openApp, setup, api, shell, signIn, runbooks,
}) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: RESPONDER.name, role: 'responder', passphrase: RESPONDER.passphrase, mustChangePassphrase: false });
  await shell.goTo('Runbooks');

  await runbooks.duplicate('Ransomware', 'ransomware-acme', 'Ransomware at Acme');
  const copy = runbooks.row('ransomware-acme');
  await expect(copy).toContainText('Ransomware at Acme');
  await expect(copy).toContainText('Custom');
  await expect(copy).toContainText('1.0.0');

  const builtIn = await runbooks.export('Ransomware');
  expect(builtIn.suggestedFilename()).toBe('ransomware.yaml');
  const exported = await readFile(await builtIn.path(), 'utf8');
  expect(exported).toBe(await readFile(resolve(import.meta.dirname, '../../runbooks/ransomware.yaml'), 'utf8'));

  const custom = await runbooks.export('Ransomware at Acme');
  expect(custom.suggestedFilename()).toBe('ransomware-acme.yaml');
  const copyText = await readFile(await custom.path(), 'utf8');
  expect(copyText).toContain('id: ransomware-acme');
  expect(copyText).toContain('title: Ransomware at Acme');

  // Only runbook:manage (admins) may import or duplicate; everyone may read and export.
  await shell.signOut.click();
  await signIn.signIn(RESPONDER.name, RESPONDER.passphrase);
  await shell.goTo('Runbooks');
  await expect(runbooks.row('ransomware-acme')).toBeVisible();
  await expect(runbooks.importButton).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Duplicate / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export Ransomware', exact: true })).toBeVisible();
});
